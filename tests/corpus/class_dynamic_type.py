# type(name, bases, dict), type(x), __class__ assignment, classes as values.
def init(self, v):
    self.v = v


Base = type("Base", (), {"kind": "base", "__init__": init, "show": lambda self: f"<{self.v}>"})
Child = type("Child", (Base,), {"kind": "child"})
c = Child(3)
print(c.show(), c.kind, Base.kind, Child.__bases__, Child.__name__, type(c) is Child)
print(type(Child), type(type), type(1), type("x").__name__, type(None).__name__)


class Cat:
    def sound(self):
        return "meow"


class Dog:
    def sound(self):
        return "woof"


pet = Cat()
print(pet.sound())
pet.__class__ = Dog
print(pet.sound(), type(pet).__name__, isinstance(pet, Dog))
classes = {"cat": Cat, "dog": Dog}
print([classes[k]().sound() for k in sorted(classes)])
Dynamic = type("Dynamic", (object,), {})
d = Dynamic()
d.attr = 1
print(vars(d), Dynamic.__module__, Dynamic.__qualname__)
print(type.__name__, object.__name__, type(object), isinstance(object, type), isinstance(type, object))
try:
    type("X", (1,), {})
except TypeError as e:
    print(e)
try:
    type("X", (), [])
except TypeError as e:
    print(e)
try:
    pet.__class__ = 5
except TypeError as e:
    print(e)
type(1, 2)
