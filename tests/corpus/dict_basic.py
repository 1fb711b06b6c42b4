d = {"a": 1, "b": 2}
print(d, len(d), d["a"], repr(d))
d["c"] = 3
d["a"] = 10
print(d)
print("a" in d, "z" in d, "z" not in d)
print(d.get("b"), d.get("z"), d.get("z", 0))
print(d.keys(), d.values(), d.items())
print(list(d), list(d.keys()), list(d.values()), list(d.items()))
print({}, dict(), {1: {2: {3: 4}}})
print(d.pop("b"), d, d.pop("zz", "default"))
print(d.setdefault("a", 99), d.setdefault("new", []), d)
d["new"].append(1)
print(d)
e = d.copy()
e["a"] = -1
print(d["a"], e["a"])
d.clear()
print(d, len(d))
