for a in (7, -7, 0, 1, -1, 13):
    for b in (2, -2, 3, -3, 7):
        print(a, b, a // b, a % b, divmod(a, b))
big = 10 ** 12
print(big // 7, -big // 7, big % -7, -big % -7)
print(-1 // 10, 1 // -10, -1 % 10, 1 % -10)
