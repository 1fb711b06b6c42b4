def g(a, b, c):
    return 0
g(1)
