d = {}
for k in ["x", "a", "m", "b"]:
    d[k] = len(d)
print(d)
del d["a"]
print(d)
d["a"] = 100
print(d)
d["x"] = -1
print(d, list(d))
d.update({"b": 0, "z": 26})
d.update([("q", 1)], extra=5)
print(d)
print(d.popitem(), d)
n = {}
for i in range(10, 0, -1):
    n[i] = i * i
print(n)
for k in [3, 5, 7]:
    del n[k]
n[5] = "back"
print(n, list(n.items())[-1])
