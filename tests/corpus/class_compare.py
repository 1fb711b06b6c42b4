# Rich comparisons, reflection, == fallback to identity, functools-free ordering.
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __le__(self, other):
        return self.parts <= other.parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))


v1, v2, v3 = Version(1, 0), Version(1, 2), Version(1, 0)
print(v1 == v3, v1 != v3, v1 == v2, v1 < v2, v2 > v1, v1 <= v3, v2 >= v1)
print(sorted([v2, v1, Version(0, 9)]), max(v1, v2), min([v2, v1]))
print(v1 == "1.0", v1 != 5, v1 in [Version(1, 0)], [v2].index(Version(1, 2)))


class Plain:
    pass


p = Plain()
print(p == p, p == Plain(), p != Plain(), p in [p], p in [Plain()])
print([1, 2] == [1, 2], Version(1) == Version(1))
v1 > 3
