# Dict displays and **kwargs dicts are created with room for their keys up front: repeated
# keys, growth past that room, and empty displays must behave as before.
d = {"a": 1, "b": 2, "a": 3}
print(d, len(d))
for i in range(20):
    d[i] = i * i
print(len(d), list(d)[:6], d[19])
del d["a"]
d["a"] = 4
print(list(d)[-2:], d == dict(d), {} == dict())
print({}, {1: 2}, {**{"x": 1}, "y": 2}, {1: "one", 1.0: "float", True: "bool"})


def kw(**kwargs):
    return kwargs


print(kw(), kw(a=1), kw(**{"b": 2}, c=3))
grown = kw(a=1)
for name in "bcdefghij":
    grown[name] = ord(name)
print(len(grown), grown["j"], list(grown)[:3])
