# staticmethod and classmethod, called on the class, on instances and on subclasses.
class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d

    @classmethod
    def from_string(cls, s):
        y, m, d = map(int, s.split("-"))
        return cls(y, m, d)

    @staticmethod
    def is_leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)

    def __repr__(self):
        return f"{type(self).__name__}({self.y}, {self.m}, {self.d})"


class MyDate(Date):
    pass


print(Date.from_string("2024-02-29"), MyDate.from_string("2000-01-01"))
print(Date.is_leap(2024), Date(1, 1, 1).is_leap(1900), MyDate.is_leap(2000))
d = MyDate(1, 2, 3)
print(d.from_string("1-1-1"))
sm = Date.__dict__["is_leap"]
cm = Date.__dict__["from_string"]
print(type(sm).__name__, type(cm).__name__, sm.__func__(2023), cm.__func__ is Date.from_string.__func__)
print(Date.from_string.__self__ is Date, MyDate.from_string.__self__ is MyDate)
f = staticmethod(len)
print(f.__func__([1, 2]))


class Registry:
    items = []

    @classmethod
    def register(cls, x):
        cls.items.append(x)
        return cls

    @classmethod
    def count(cls):
        return len(cls.items)


Registry.register(1).register(2)
print(Registry.count(), Registry().count())
