from collections import Counter

c = Counter("abracadabra")
print(c)
print(c["a"], c["z"], len(c), isinstance(c, dict), isinstance(c, Counter))
print(c.most_common(), c.most_common(2), c.most_common(0))
print(sorted(c.elements()), c.total())
c.update("zza")
print(c)
c.update({"q": 3})
c.subtract("aaaaaaa")
print(c)
print(Counter(["x", "y", "x"]), Counter({"a": 2, "b": -1}), Counter(cats=4, dogs=8))
print(Counter(), repr(Counter()), Counter("a") == Counter({"a": 1}))
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == {"a": 1})
print(list(c.keys())[:3], sum(c.values()), "a" in c, "nope" in c)
del c["nope"]
del c["a"]
print(c)
print(c.get("b"), c.get("missing"), c.copy() == c, type(c.copy()).__name__)
