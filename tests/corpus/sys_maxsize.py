import sys
print(sys.maxsize, sys.maxsize + 1, -sys.maxsize - 1)
print(sys.maxsize == 2 ** 63 - 1, type(sys.maxsize).__name__)
m = sys.maxsize
print(m * 2, m // 2, m % 1000, hash(m) == m % (2 ** 61 - 1))
print(len(range(m)), range(m)[-1])
