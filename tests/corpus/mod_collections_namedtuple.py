from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p.y, p[0], p[-1], len(p), isinstance(p, tuple), p == (1, 2))
x, y = p
print(x + y, Point._fields, Point._make([3, 4]), p._asdict(), p._replace(x=10))
print(hash(p) == hash((1, 2)), tuple(p), list(p), p.count(1), p.index(2))
Color = namedtuple("Color", ["red", "green", "blue"], defaults=[0, 0])
print(Color(255), Color._field_defaults, Color.__name__, Color.__doc__)
Pair = namedtuple("Pair", "left, right")
print(Pair("l", "r"), Pair._fields)
R = namedtuple("R", "a def _x a", rename=True)
print(R._fields)


class Vector(namedtuple("Vector", "dx dy")):
    def length2(self):
        return self.dx ** 2 + self.dy ** 2


v = Vector(3, 4)
print(v, v.length2(), type(v).__name__, sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
print(repr(Point), Point(1, 2) < Point(1, 3), max(Point(0, 9), Point(1, 0)))
for bad in [lambda: namedtuple("T", "a a"), lambda: namedtuple("T", "a _b"),
            lambda: namedtuple("T", "class"), lambda: namedtuple("T", "1a"),
            lambda: Point._make([1]), lambda: p._replace(z=1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    p.x = 5
except AttributeError:
    print("AttributeError on assignment")
Point(1)
