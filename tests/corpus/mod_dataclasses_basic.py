from dataclasses import asdict, astuple, dataclass, field, fields, is_dataclass, replace


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1, 2)
print(p, Point(3), p == Point(1, 2), p != Point(1, 3), p == (1, 2))
print(asdict(p), astuple(p), [f.name for f in fields(p)], replace(p, y=5))
print(is_dataclass(p), is_dataclass(Point), is_dataclass(3), Point.__match_args__)


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: list = field(default_factory=list, compare=False, repr=False)


v1, v2 = Version(1, 2), Version(1, 10)
print(v1 < v2, v1 >= v2, sorted([v2, v1]), hash(v1) == hash(Version(1, 2)), v1)
try:
    v1.major = 5
except AttributeError as e:
    print(type(e).__name__, e)


@dataclass
class Inventory:
    name: str
    items: list = field(default_factory=list)
    count: int = field(default=0, init=False)

    def __post_init__(self):
        self.count = len(self.items)


inv = Inventory("shop", [Point(1, 2)])
print(inv, asdict(inv))


@dataclass
class Point3(Point):
    z: int = 9


print(Point3(1, 2, 3), Point3(1), [f.name for f in fields(Point3)])


@dataclass(eq=False)
class Ident:
    v: int


print(Ident(1) == Ident(1), hash(Point) is not None, Point.__hash__)
for bad in [lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=2)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)
try:
    @dataclass
    class Mutable:
        items: list = []
except ValueError as e:
    print("ValueError:", e)
replace(p, z=1)
