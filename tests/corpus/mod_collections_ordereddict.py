from collections import OrderedDict

od = OrderedDict()
od["b"] = 2
od["a"] = 1
od["c"] = 3
print(od, list(od), isinstance(od, dict))
od.move_to_end("b")
print(od)
od.move_to_end("c", last=False)
print(od)
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict([("x", 1), ("y", 2)]), OrderedDict(one=1), OrderedDict())
a = OrderedDict([("x", 1), ("y", 2)])
b = OrderedDict([("y", 2), ("x", 1)])
print(a == b, dict(a) == dict(b), a == {"y": 2, "x": 1}, a != b)
a.update(z=3)
print(a, a.copy(), type(a.copy()).__name__)
print(list(reversed(a)), a.pop("x"), a.setdefault("w", 0), a)
try:
    a.move_to_end("nope")
except KeyError as e:
    print("KeyError:", e)
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError:", e)


class LRU(OrderedDict):
    def __init__(self, size):
        super().__init__()
        self.size = size

    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


cache = LRU(2)
for k in "abcab":
    cache.put(k, k.upper())
    print(list(cache.items()))
