# Classes inside functions, closures over enclosing locals, __class__ in methods,
# class-body names not visible in methods, comprehensions in class bodies.
def make_counter_class(start):
    step = 2

    class Counter:
        initial = start

        def __init__(self):
            self.value = start

        def bump(self):
            self.value += step
            return self.value

        def cls_name(self):
            return __class__.__name__

    return Counter


C = make_counter_class(10)
c = C()
print(c.bump(), c.bump(), C.initial, c.cls_name(), C.__qualname__)


class Outer:
    factor = 3
    squares = [i * i for i in range(4)]

    def method(self):
        try:
            return factor
        except NameError as e:
            return f"NameError: {e}"

    class Inner:
        def who(self):
            return type(self).__qualname__


print(Outer.squares, Outer().method(), Outer.Inner().who())
x = "global"


class Shadow:
    x = "class"
    y = x + "!"

    def get(self):
        return x


print(Shadow.y, Shadow().get())


def factory():
    class Base:
        def hello(self):
            return "base"

    class Child(Base):
        def hello(self):
            return "child+" + super().hello()

    return Child()


print(factory().hello(), type(factory()).__qualname__)
