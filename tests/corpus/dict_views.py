d = {"one": 1, "two": 2, "three": 3}
k = d.keys()
v = d.values()
it = d.items()
print(len(k), len(v), len(it))
d["four"] = 4
print(list(k), list(v), list(it))
print("two" in k, 2 in v, ("one", 1) in it, ("one", 2) in it)
for key, val in d.items():
    print(key, val)
total = 0
for val in d.values():
    total += val
print(total)
print(sorted(d), sorted(d.values(), reverse=True))
print(list(reversed(list(d))))
print(sorted(k), len(d.keys()))
