big = 10 ** 30 + 12345
for a in (big, -big):
    for b in (7, -7, 10 ** 20 + 3, -(10 ** 20 + 3)):
        print(a // b, a % b)
        q, r = divmod(a, b)
        print(q * b + r == a)
print(big / 7)
print((2 ** 70) / (2 ** 68))
print(7 // big, -7 // big, 7 % big == 7, -7 % big)
