a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), id(a) != id(c), type(id(a)).__name__)
print(callable(print), callable(len), callable(lambda: 0), callable(int), callable(1), callable("s"), callable(None))
for v in [1, 1.5, "s", [], (), {}, set(), frozenset(), None, True, range(1), 2 ** 100, len, lambda: 0]:
    print(type(v), type(v).__name__)
print(type(1) == int, type(int), type(type), type(type(1)).__name__)
print(type(3)("42") + 1, type("")(12) + "!", type([])("ab"))
