def f(a, b, /, c, d=4):
    return a, b, c, d
print(f(1, 2, 3), f(1, 2, c=3), f(1, 2, 3, d=5))
def g(a, /, **kw):
    return a, kw
print(g(1, a=2))
def h(x, y=10, /):
    return x + y
print(h(1), h(1, 2))
def all_kinds(p, /, n, *, k):
    return p, n, k
print(all_kinds(1, 2, k=3), all_kinds(1, n=2, k=3))
print(divmod(7, 2), pow(2, 5), len([1]))
