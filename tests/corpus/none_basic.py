x = None
print(x, repr(x), str(x), type(x).__name__)
print(x is None, x is not None, x == None, not x)
def f():
    pass
print(f(), f() is None)
def g(a):
    if a:
        return 1
print(g(0), g(1))
print([None, None], {None: 1}[None])
print(hash(None) == hash(None), bool(None))
y = print("hi")
print(y)
