x = 1.0
for i in range(12):
    x *= 1000.0
    print(x)
y = 1.0
for i in range(8):
    y /= 12345.0
    print(y)
print(1e308 * 10, 1e-320, 2.2250738585072014e-308)
print(float(2 ** 1000) > 1e300, 123e-7, 0.000123, 1234567890123.0)
