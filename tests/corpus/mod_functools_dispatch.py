# functools.cached_property (computed once, stored in the instance __dict__, errors),
# partialmethod (on instances and the class) and singledispatch/singledispatchmethod
# (registration by class, MRO-based dispatch, registry, dispatch(), missing argument).
import functools


class Circle:
    calls = 0

    def __init__(self, r):
        self.r = r

    @functools.cached_property
    def area(self):
        """Area, computed once."""
        Circle.calls += 1
        return 3 * self.r * self.r

    def scale(self, factor, offset=0):
        return self.r * factor + offset

    double = functools.partialmethod(scale, 2)
    double_plus = functools.partialmethod(scale, 2, offset=1)


c = Circle(5)
print(c.area, c.area, Circle.calls, c.__dict__)
c.area = 1
print(c.area, Circle.calls)
del c.area
print(c.area, Circle.calls)
print(type(Circle.area).__name__, Circle.area.__doc__, Circle.area.attrname)
print(c.double(), c.double_plus(), c.double(offset=10), Circle.double(Circle(7)))


@functools.singledispatch
def describe(x):
    """Generic description."""
    return f"object {x!r}"


@describe.register(int)
def _(x):
    return f"int {x}"


@describe.register(list)
@describe.register(tuple)
def _(x):
    return f"sequence of {len(x)}"


def describe_str(x):
    return f"str {x.upper()}"


describe.register(str, describe_str)


class MyInt(int):
    pass


print(describe(3), describe(True), describe(MyInt(4)), describe([1, 2]), describe((1,)))
print(describe("ab"), describe(2.5), describe(None))
print(describe.__name__, describe.__doc__, describe.dispatch(bool).__name__)
print(sorted(k.__name__ for k in describe.registry))


class Formatter:
    def __init__(self, prefix):
        self.prefix = prefix

    @functools.singledispatchmethod
    def fmt(self, arg):
        return f"{self.prefix}?{arg!r}"

    @fmt.register(int)
    def _(self, arg):
        return f"{self.prefix}#{arg}"


f = Formatter(">")
print(f.fmt(5), f.fmt("x"), f.fmt(1.5))

try:
    describe()
except TypeError as e:
    print("TypeError:", e)
try:
    describe.register("not a class", lambda x: x)
except TypeError as e:
    print("TypeError:", e)


class Slotted:
    __slots__ = ("v",)

    @functools.cached_property
    def twice(self):
        return 2


Slotted().twice
