# `super().name` looked up by LOAD_METHOD / LOAD_ATTR: the name's cached hash is passed
# down to the walk of the MRO after the current class (no copy of the MRO).


class Base:
    tag = "base"

    def __init__(self, x):
        self.x = x

    def show(self):
        return "Base.show(%s)" % self.x

    @classmethod
    def make(cls, x):
        return cls(x)


class Left(Base):
    tag = "left"

    def show(self):
        return "Left>" + super().show()


class Right(Base):
    def __init__(self, x):
        super().__init__(x * 10)

    def show(self):
        return "Right>" + super().show()


class Both(Left, Right):
    def __init__(self, x):
        super().__init__(x + 1)

    def show(self):
        return "Both>" + super().show() + "|" + super().tag

    @classmethod
    def make(cls, x):
        return super().make(x * 2)


print(Both.__mro__ == (Both, Left, Right, Base, object))
print(Both(1).show(), Both(1).x)
print(Both.make(3).x, type(Both.make(3)).__name__)
total = 0
for i in range(3000):
    total += Both(i).x + len(Right(i).show())
print(total)
b = Both(5)
print(super(Left, b).show(), super(Right, b).tag, super(Both, b).tag)
try:
    super(Both, b).missing
except AttributeError as e:
    print("AttributeError:", e)
print(super(Base, b).__class__ is super, isinstance(super(Both, b), super))
print(super(Base, b).__init__ is not None, hasattr(super(Base, b), "show"))
