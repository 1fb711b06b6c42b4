def gen(x):
    y = yield x
    r = yield from y
    return r


squares = (n * n for n in range(3) if n)
