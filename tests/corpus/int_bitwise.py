a = 0b1100
b = 0b1010
print(a & b, a | b, a ^ b, ~a)
print(a << 3, a >> 2, -a >> 1, -1 >> 10)
print(1 << 62, 1 << 63, 1 << 64)
print(-1 & 0xFF, -256 | 15, -5 ^ 3)
print(~0, ~-1, ~123456789)
print(5 & True, 6 | False)
