a = 7.5
b = 2.0
print(a + b, a - b, a * b, a / b)
print(a // b, a % b, a ** b)
for x in (7.5, -7.5):
    for y in (2.0, -2.0):
        print(x, y, x // y, x % y, divmod(x, y))
print(5.0 % 3, -5.0 % 3, 5 % -3.0)
print(2 ** 0.5, 2 ** -1, 4 ** -0.5, (-8) ** 2.0)
print(0.5 ** 3, 10.0 ** 20, 10.0 ** -20)
print(1.5e300 * 1.5e300)
