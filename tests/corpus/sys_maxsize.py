import sys
print(sys.maxsize, sys.maxsize + 1, -sys.maxsize - 1)
print(sys.maxsize == 2 ** 63 - 1, type(sys.maxsize).__name__)
