# dir() includes inherited names sorted; vars() returns __dict__.
class A:
    a = 1

    def f(self):
        pass


class B(A):
    b = 2

    def __init__(self):
        self.inst = 3


names = dir(B())
print([n for n in names if not n.startswith("__")])
print("__init__" in names, "__repr__" in names, "__class__" in names, "__dict__" in names)
print([n for n in dir(B) if not n.startswith("__")])
print(vars(B()), sorted(k for k in vars(B) if not k.startswith("__")))


class WithDir:
    def __dir__(self):
        return ["z", "y"]


print(dir(WithDir()))


class S:
    __slots__ = ("q",)


try:
    vars(S())
except TypeError as e:
    print(e)
print(vars(3))
