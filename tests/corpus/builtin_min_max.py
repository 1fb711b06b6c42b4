print(max(1, 5, 3), min(1, 5, 3), max([4, 8, 2]), min((4, 8, 2)))
print(max("apple", "pear", "fig"), max("apple", "pear", "fig", key=len), min("apple", "pear", "fig", key=len))
print(max([], default="empty"), min([], default=None), max([7], default=0))
print(max([1, 3, 3.0, 2]), max([3.0, 3, 1]), min([2, 1, 1.0]))
print(max({"a": 3, "b": 1}, key=lambda k: -len(k)), max({5: 0, 9: 1}))
d = {"x": 10, "y": 30, "z": 20}
print(max(d, key=d.get), min(d.items(), key=lambda kv: kv[1]))
print(max(range(10), key=lambda v: v % 4), min("hello"), max(1, 2.5), min(-1, -1.5))
print(max([(1, "b"), (1, "a"), (0, "z")]))
