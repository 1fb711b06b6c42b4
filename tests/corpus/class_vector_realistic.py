# A 2D/3D vector library: operators with scalars and vectors, reflected ops, equality,
# hashing, iteration unpacking, abs/bool, sequences of vectors, and operator errors.
import math


class Vector:
    __slots__ = ("coords",)

    def __init__(self, *coords):
        self.coords = tuple(coords)

    def __repr__(self):
        return f"Vector{self.coords}"

    def __len__(self):
        return len(self.coords)

    def __iter__(self):
        return iter(self.coords)

    def __getitem__(self, i):
        return self.coords[i]

    def _check(self, other):
        if not isinstance(other, Vector):
            return False
        if len(other) != len(self):
            raise ValueError(f"dimension mismatch: {len(self)} vs {len(other)}")
        return True

    def __add__(self, other):
        if not self._check(other):
            return NotImplemented
        return Vector(*(a + b for a, b in zip(self, other)))

    def __sub__(self, other):
        if not self._check(other):
            return NotImplemented
        return Vector(*(a - b for a, b in zip(self, other)))

    def __mul__(self, k):
        if isinstance(k, Vector):
            return sum(a * b for a, b in zip(self, k))
        if isinstance(k, (int, float)):
            return Vector(*(a * k for a in self))
        return NotImplemented

    def __rmul__(self, k):
        return self * k

    def __truediv__(self, k):
        return Vector(*(a / k for a in self))

    def __neg__(self):
        return self * -1

    def __abs__(self):
        return math.sqrt(sum(a * a for a in self))

    def __bool__(self):
        return any(self.coords)

    def __eq__(self, other):
        return isinstance(other, Vector) and self.coords == other.coords

    def __hash__(self):
        return hash(self.coords)

    def normalized(self):
        n = abs(self)
        return self / n if n else self


v, w = Vector(3, 4), Vector(1, -2)
print(v + w, v - w, v * 2, 2 * v, v * w, -w, abs(v), v / 2)
print(v.normalized(), bool(Vector(0, 0)), bool(w), len(Vector(1, 2, 3)))
x, y = v
print(x, y, v[0], list(reversed(v)) if False else list(v)[::-1], max(v))
print(v == Vector(3, 4), v != w, {v: "a", Vector(3, 4): "b"}, len({v, Vector(3, 4), w}))
total = sum([v, w, Vector(1, 1)], Vector(0, 0))
print(total, sorted([v, w, total], key=abs))
try:
    v + Vector(1, 2, 3)
except ValueError as e:
    print("ValueError:", e)
try:
    v * "s"
except TypeError as e:
    print("TypeError:", e)
v + 1
