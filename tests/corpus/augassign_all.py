x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x /= 4; print(x)
x //= 2; print(x)
x = 17
x %= 5; print(x)
x **= 3; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x &= 0b1110; print(x)
x |= 1; print(x)
x ^= 0xFF; print(x)
s = "ab"
s += "cd"
s *= 2
print(s)
f = 1.5
f += 1
f **= 2
print(f)
b = 2 ** 62
b *= 4
b -= 1
print(b)
