vals = [1, -2.5, "it's", 'q"q', None, True, [1, "a"], (1,), {"k": [None]}, set(), {1}, frozenset(), range(2), 2 ** 70, float("inf"), "\n\t\\", "ünï"]
for v in vals:
    print(repr(v), str(v))
print(str(), repr(""), str(""), repr(repr("x")))
print(repr([1.0, 2.50, 1e100]), str((1.1, "b")))
print(repr({"a": "b"}), repr({1: {2: ()}}), repr(["\x00", "\x1f", "\x7f", "é"]))
