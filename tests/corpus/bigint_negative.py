a = -(10 ** 25)
b = 10 ** 25 + 7
print(a, b, a + b, a - b)
print(a * b)
print(-a, abs(a), a * -1)
print(a < 0, a < -(10 ** 24), a == -(10 ** 25))
print(a // 3, a % 3)
print(repr(a), str(a))
print(-(2 ** 64) + 2 ** 64, type(-(2 ** 64) + 2 ** 64).__name__)
