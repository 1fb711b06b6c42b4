# A class call whose __init__ is a plain Python function pushes the __init__ frame in the
# running dispatch loop, keeping the new instance below it. Each case checks that this path
# behaves exactly like type.__call__, and that every class it does not apply to falls back.


class Point:
    def __init__(self, x, y=0, *, z=0):
        self.x = x
        self.y = y
        self.z = z

    def __repr__(self):
        return f"Point({self.x}, {self.y}, {self.z})"


print(Point(1), Point(1, 2), Point(1, y=3), Point(x=4, z=5), Point(*(6, 7), **{"z": 8}))
points = [Point(i, i * i) for i in range(5)]
print(points, sum(p.y for p in points))


class Rebinds:
    def __init__(self, value):
        # Rebinding `self` must not change the result: the instance is kept below the frame.
        self.value = value
        self = None


r = Rebinds(3)
print(type(r).__name__, r.value)


class ReturnsValue:
    def __init__(self):
        return 42


try:
    ReturnsValue()
except TypeError as e:
    print("TypeError:", e)


class RaisesInside:
    def __init__(self, n):
        self.n = n
        if n < 0:
            raise ValueError(f"negative: {n}")


for n in (1, -1):
    try:
        print(RaisesInside(n).n)
    except ValueError as e:
        print("ValueError:", e, "at line", e.__traceback__.tb_next.tb_lineno)


class WrongArgs:
    def __init__(self, a, b):
        pass


for args in ((1,), (1, 2, 3)):
    try:
        WrongArgs(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    WrongArgs(1, c=2)
except TypeError as e:
    print("TypeError:", e)


class Base:
    def __init__(self, tag):
        self.tag = tag


class Child(Base):
    pass


class GrandChild(Child):
    def __init__(self, tag, extra):
        super().__init__(tag)
        self.extra = extra


print(Child("c").tag, GrandChild("g", 1).tag, GrandChild("g", 1).extra)


class Nested:
    def __init__(self, depth):
        self.inner = Nested(depth - 1) if depth else None
        self.depth = depth


n = Nested(50)
count = 0
while n:
    count += 1
    n = n.inner
print("nested depth", count)


class Forever:
    def __init__(self):
        self.again = Forever()


try:
    Forever()
except RecursionError as e:
    print("RecursionError:", e)


# Falls back: __new__ overridden (and the __init__ skipped when __new__ returns another type).
class WithNew:
    def __new__(cls, x):
        print("__new__", x)
        return super().__new__(cls)

    def __init__(self, x):
        self.x = x


class NewReturnsOther:
    def __new__(cls):
        return 7

    def __init__(self):
        print("never runs")


print(WithNew(9).x, NewReturnsOther())


# Falls back: a metaclass with __call__.
class Meta(type):
    def __call__(cls, *args):
        print("Meta.__call__", args)
        return super().__call__(*args)


class Metered(metaclass=Meta):
    def __init__(self, a):
        self.a = a


print(Metered(5).a)


# Falls back: __init__ is a generator function.
class GenInit:
    def __init__(self):
        yield 1


try:
    GenInit()
except TypeError as e:
    print("TypeError:", e)


# Falls back: exceptions and builtin subclasses.
class MyError(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code


class MyList(list):
    def __init__(self, n):
        super().__init__(range(n))


print(repr(MyError(3)), MyError(3).code, MyList(3))


# The assumption breaks after warm-up: __init__ replaced, removed, and __new__ added.
class Changing:
    def __init__(self, v):
        self.v = v


made = [Changing(i).v for i in range(3)]


def other_init(self, v):
    self.v = -v


Changing.__init__ = other_init
made.append(Changing(5).v)
del Changing.__init__
try:
    Changing(6)
except TypeError as e:
    made.append(str(e))
Changing.__new__ = lambda cls, v: "from __new__"
made.append(Changing(7))
print(made)


# __slots__ and a class-level __init__ that is not a function (a callable object) fall back.
class Slotted:
    __slots__ = ("a",)

    def __init__(self, a):
        self.a = a


class CallableInit:
    class _Init:
        def __call__(self, *args):
            print("callable __init__ called with", len(args), "args")

    __init__ = _Init()


print(Slotted(1).a, type(CallableInit()).__name__)


# A class called through an attribute and as a method-call site (CALL_METHOD with NULL).
class Holder:
    Point = Point


print(Holder.Point(2, 3), Holder().Point(4))
