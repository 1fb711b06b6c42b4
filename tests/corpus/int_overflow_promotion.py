x = 9223372036854775807
print(x + 1)
print(-x - 2)
print(x * 2)
print(x * x)
y = -9223372036854775808
print(y - 1, -y, abs(y), y // -1)
print(type(x + 1).__name__)
print((x + 1) - 1 == x, (x + 1) - 1)
print(2 ** 63, 2 ** 64 - 1)
z = 3037000500
print(z * z)
print(-(2 ** 63) * -1)
