# Data and non-data descriptors and their priority against the instance dict.
class NonData:
    def __get__(self, obj, owner):
        return "non-data"


class Data:
    def __get__(self, obj, owner):
        return "data"

    def __set__(self, obj, value):
        print("Data.__set__", value)

    def __delete__(self, obj):
        print("Data.__delete__")


class Holder:
    nd = NonData()
    d = Data()


h = Holder()
print(h.nd, h.d, Holder.nd, Holder.d)
h.__dict__["nd"] = "instance wins"
h.__dict__["d"] = "instance loses"
print(h.nd, h.d)
h.d = 5
del h.d


class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner):
        if obj is None:
            return self
        return obj.__dict__.get(self.name)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}")
        obj.__dict__[self.name] = value


class Person:
    age = Typed(int)
    name = Typed(str)

    def __init__(self, name, age):
        self.name = name
        self.age = age


p = Person("Ann", 30)
print(p.name, p.age)
p.age = "old"
