def total(*nums):
    print(type(nums).__name__, nums)
    s = 0
    for n in nums:
        s += n
    return s
print(total(), total(1), total(1, 2, 3))
print(total(*[4, 5], 6, *(7,)))
def head_tail(first, *rest):
    return first, rest
print(head_tail(1), head_tail(1, 2, 3), head_tail(*"abc"))
def everything(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(everything(1, c=3))
print(everything(1, 5, 6, 7, c=8, e=9))
print(everything(*range(4), **{"c": 0, "z": 1}))
def fwd(*a, **k):
    return everything(*a, **k)
print(fwd(10, 20, 30, c=40, d=50))
print(*[1, 2, 3], sep="-")
print(*"xyz")
