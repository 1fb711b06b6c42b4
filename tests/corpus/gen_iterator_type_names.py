# Builtin iterators report CPython's type names.
samples = [
    iter([1]),
    iter((1,)),
    iter(range(3)),
    iter("abc"),
    iter("h\u00e9llo"),
    iter({1: 2}),
    iter({1: 2}.keys()),
    iter({1: 2}.values()),
    iter({1: 2}.items()),
    iter({1, 2}),
    iter(frozenset([1])),
    reversed([1, 2]),
    reversed((1, 2)),
    iter(b"ab"),
    iter(bytearray(b"ab")),
    enumerate([]),
    zip(),
    map(str, []),
    filter(None, []),
    (x for x in []),
    iter(lambda: 1, 1),
]
for it in samples:
    print(type(it).__name__, iter(it) is it)
print(type(iter([])) is type(iter([1, 2])), type(iter([])) is type(iter(())))
print(next(iter(range(5, 9))), list(reversed(range(3))))
it = iter([1, 2, 3])
it[0]
