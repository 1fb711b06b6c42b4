# A generator that was thrown into is finished: next() says StopIteration.
def numbers():
    yield 1
    yield 2


g = numbers()
next(g)
print(g.close(), g.close())
print(list(g))
print(next(g, "done"))
g3 = numbers()
g3.throw(KeyError, "k")
