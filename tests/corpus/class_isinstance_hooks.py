# isinstance/issubclass with tuples, metaclass __instancecheck__/__subclasscheck__.
class Duck(type):
    def __instancecheck__(cls, obj):
        return hasattr(obj, "quack")

    def __subclasscheck__(cls, sub):
        return hasattr(sub, "quack")


class Quacker(metaclass=Duck):
    pass


class Robot:
    def quack(self):
        return "beep"


print(isinstance(Robot(), Quacker), isinstance(1, Quacker), issubclass(Robot, Quacker), issubclass(int, Quacker))
print(isinstance(Robot(), (int, Quacker)), isinstance(3, (str, (float, int))))


class A:
    pass


class B(A):
    pass


print(isinstance(B(), A), isinstance(A(), B), issubclass(B, (int, A)), issubclass(A, A), issubclass(B, object))
print(isinstance(A, type), isinstance(B(), object), isinstance(len, object))
try:
    isinstance(1, 2)
except TypeError as e:
    print(e)
try:
    issubclass(1, int)
except TypeError as e:
    print(e)
issubclass(int, 1)
