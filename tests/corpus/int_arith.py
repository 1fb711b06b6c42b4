a = 17
b = 5
print(a + b, a - b, a * b)
print(a / b, a // b, a % b)
print(-a // b, -a % b)
print(a ** 2, b ** 3)
print(-7 + 3, 0 - 0, -0)
x = 9223372036854775807
print(x, -x - 1)
print(1_000_000 + 1)
print(0x1F, 0o17, 0b1011)
print(int, type(a), type(a).__name__)
print(repr(42), str(-42))
