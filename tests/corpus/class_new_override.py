# __new__ overrides: singletons, caching, immutables, returning other types.
class Singleton:
    _instance = None

    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.inits = 0
        return cls._instance

    def __init__(self, *args):
        self.inits += 1


a, b = Singleton(1), Singleton(2)
print(a is b, a.inits)


class Interned:
    _cache = {}

    def __new__(cls, name):
        if name not in cls._cache:
            obj = object.__new__(cls)
            obj.name = name
            cls._cache[name] = obj
        return cls._cache[name]


print(Interned("x") is Interned("x"), Interned("x") is Interned("y"), len(Interned._cache))


class Weird:
    def __new__(cls):
        return 42

    def __init__(self):
        print("never runs")


print(Weird())


class Pos(int):
    def __new__(cls, value):
        if value < 0:
            raise ValueError("negative")
        return super().__new__(cls, value)


print(Pos(5) + 1, isinstance(Pos(2), int))


class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())


print(Upper("abc"), Upper("abc").lower(), len(Upper("xy")))
try:
    Pos(-1)
except ValueError as e:
    print(e)


class NoArgs:
    def __new__(cls):
        return super().__new__(cls)


print(type(NoArgs()).__name__)
object.__new__(NoArgs, 1)
