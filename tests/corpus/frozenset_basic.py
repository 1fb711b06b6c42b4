f = frozenset([3, 1, 2, 3])
print(f, len(f), 2 in f, type(f).__name__)
print(frozenset(), repr(frozenset()), frozenset("a"))
g = frozenset({2, 3, 4})
print(f | g, f & g, f - g, f ^ g)
print(f == {1, 2, 3}, {1, 2, 3} == f, f <= g, f.issubset({0, 1, 2, 3}))
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
d = {f: "frozen"}
print(d[frozenset({1, 2, 3})])
s = {frozenset([1]), frozenset([1]), frozenset([2])}
print(len(s))
print(type({1} | f).__name__, type(f | {1}).__name__)
print(f.union([9]), f.copy() == f)
