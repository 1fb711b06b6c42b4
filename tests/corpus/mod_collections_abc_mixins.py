from collections.abc import Sequence, MutableMapping, Mapping, Set


class Countdown(Sequence):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("out of range")
        return self.n - i


c = Countdown(4)
print(list(c), 3 in c, 9 in c, c.index(2), c.count(1), list(reversed(c)), len(c))
print(isinstance(c, Sequence))


class Registry(MutableMapping):
    def __init__(self):
        self._data = {}

    def __getitem__(self, key):
        return self._data[key.lower()]

    def __setitem__(self, key, value):
        self._data[key.lower()] = value

    def __delitem__(self, key):
        del self._data[key.lower()]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)


r = Registry()
r["Alpha"] = 1
r.update({"BETA": 2}, gamma=3)
print(sorted(r.items()), r.get("ALPHA"), r.get("zeta", "none"), "beta" in r)
print(r.pop("Gamma"), r.setdefault("delta", 4), sorted(r.keys()), sorted(r.values()))
print(r == {"alpha": 1, "beta": 2, "delta": 4}, isinstance(r, Mapping), len(r))
r.clear()
print(len(r), dict(r))


class Interval(Set):
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi

    def __contains__(self, x):
        return self.lo <= x < self.hi

    def __iter__(self):
        return iter(range(self.lo, self.hi))

    def __len__(self):
        return self.hi - self.lo

    @classmethod
    def _from_iterable(cls, it):
        return set(it)


a, b = Interval(0, 5), Interval(3, 8)
print(sorted(a & b), sorted(a | b), sorted(a - b), a <= Interval(0, 9), a.isdisjoint(Interval(7, 9)))
try:
    Sequence()
except TypeError as e:
    print("TypeError:", e)
