print(abs(-5), abs(5), abs(0), abs(-0.0), abs(-2.5), abs(True), abs(False))
print(abs(-(2 ** 100)), abs(-9223372036854775808), abs(float("-inf")))
print(type(abs(-3)).__name__, type(abs(True)).__name__, abs(-1e-300))
values = [3, -3, 0.25, -0.25, -7 // 2, 2 ** 63, -(2 ** 63)]
print([abs(v) for v in values])
print(abs(-5) == 5, abs(-1.5) + abs(1.5))
