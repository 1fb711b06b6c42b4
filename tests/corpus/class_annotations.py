# Class and module __annotations__ in definition order.
x: int = 5
y: "str"
print(__annotations__)


class Point:
    x: int
    y: int = 0
    label: str = "p"
    __private: float = 1.0

    def method(self) -> None:
        local: int = 3
        return local


print(Point.__annotations__)
print(Point.y, Point.label, hasattr(Point, "x"), Point().method())
print(list(Point.__annotations__))


class Child(Point):
    z: float


print(Child.__annotations__, "x" in Child.__annotations__)


class Empty:
    pass


print(hasattr(Empty, "__annotations__") and Empty.__annotations__ == {} or "none")
