# Class calls, exception construction and `with` find __new__, __init__, __enter__ and
# __exit__ through the per-class cache of special-method places (`lookup_static`). Each
# place must follow the class when it changes after warm-up: a method added, replaced,
# deleted, or changed on a base class.

class Base(Exception):
    pass


class Custom(Base):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code


def raise_and_catch(n):
    try:
        raise Custom(n)
    except Base as e:
        return (type(e).__name__, e.code, str(e))


for i in range(3):
    print(raise_and_catch(i))


def new_init(self, code):
    Exception.__init__(self, "replaced %d" % code)
    self.code = -code


Custom.__init__ = new_init
print(raise_and_catch(5))
del Custom.__init__
try:
    raise Custom(7)
except Base as e:
    print("base init:", e.args, hasattr(e, "code"))


# __new__ on a plain class (the class call goes through type.__call__'s protocol).
class Counted:
    made = 0

    def __new__(cls, *args):
        cls.made += 1
        return super().__new__(cls)

    def __init__(self, value):
        self.value = value


items = [Counted(i).value for i in range(4)]
print(items, Counted.made)


def other_new(cls, *args):
    obj = object.__new__(cls)
    obj.tag = "other"
    return obj


Counted.__new__ = other_new
made = Counted(9)
print(made.value, made.tag, Counted.made)


# A base class gains __init__ after its subclass was called.
class Parent:
    def __new__(cls, *args):
        return super().__new__(cls)


class Child(Parent):
    pass


print(type(Child()).__name__)
Parent.__init__ = lambda self, x=0: setattr(self, "x", x)
print(Child(3).x)


# Context managers whose __enter__/__exit__ change after warm-up.
class Manager:
    def __enter__(self):
        return "first"

    def __exit__(self, *exc):
        print("exit one")
        return False


def use():
    with Manager() as value:
        print("inside", value)


use()
use()
Manager.__enter__ = lambda self: "second"
use()
Manager.__exit__ = lambda self, *exc: print("exit two") or True
with Manager():
    raise ValueError("suppressed")
print("after the suppressed error")
del Manager.__exit__
try:
    with Manager():
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
