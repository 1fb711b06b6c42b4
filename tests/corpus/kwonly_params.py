def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2), f(1, c=9, b=8), f(a=0, b=0))
def g(*args, flag=False):
    return args, flag
print(g(1, 2), g(1, 2, flag=True))
def h(x, *, key=None, reverse=False):
    return sorted(x, key=key, reverse=reverse)
print(h([3, 1, 2]), h([3, 1, 2], reverse=True), h(["bb", "a"], key=len))
def k(*, only):
    return only
print(k(only="yes"))
print(f(5, b=6, c=7))
