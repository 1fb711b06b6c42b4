# Arithmetic, comparisons, boolean operators and constants.
x = 1
y = 2.5
z = -x + y * 3 - 10 // 4 % 3 ** 2
big = 123456789012345678901234567890
neg = -9223372036854775808
x += 1
x <<= 2
t = (1, 1.0, True, 0.0, -0.0, None, ...)
ok = x < y <= z and not y or x is None
member = x in t and y not in t
w = x if ok else y
