# throw() without a handler in the generator: the exception propagates and the generator ends.
def numbers():
    yield 1
    yield 2


g = numbers()
print(next(g))
print(g.gi_frame is None)
fresh = numbers()
g2 = numbers()
next(g2)
g2.close()
print(next(g2, "closed"))
fresh.close()
print(next(fresh, "closed before start"))
g.throw(ValueError("thrown in"))
