# Metaclasses: __new__/__init__/__call__, dunders on classes, __prepare__.
class Registry(type):
    classes = []

    def __new__(mcs, name, bases, ns, **kw):
        cls = super().__new__(mcs, name, bases, ns)
        mcs.classes.append(name)
        return cls

    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
        cls.flag = kw.get("flag", False)

    def __len__(cls):
        return len(cls.__name__)

    def __iter__(cls):
        return iter(sorted([k for k in vars(cls) if not k.startswith("_")]))

    def __getitem__(cls, key):
        return f"{cls.__name__}[{key}]"

    def __contains__(cls, item):
        return item == "magic"

    def __repr__(cls):
        return f"<registered {cls.__name__}>"


class Plugin(metaclass=Registry, flag=True):
    alpha = 1
    beta = 2


class Sub(Plugin):
    gamma = 3


print(Registry.classes, Plugin.flag, Sub.flag)
print(len(Plugin), list(Sub), Plugin["x"], "magic" in Plugin, "other" in Sub)
print(Plugin, repr(Sub), type(Plugin).__name__, type(Sub) is Registry, isinstance(Sub, type))


class Singleton(type):
    instances = {}

    def __call__(cls, *args):
        if cls not in Singleton.instances:
            Singleton.instances[cls] = super().__call__(*args)
        return Singleton.instances[cls]


class Config(metaclass=Singleton):
    def __init__(self, v):
        self.v = v


print(Config(1) is Config(2), Config(3).v)


class Ordered(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        print("preparing", name)
        return {"injected": True}


class WithPrep(metaclass=Ordered):
    x = 1


print(WithPrep.injected, WithPrep.x)
M = type("M", (type,), {"hello": lambda cls: "hi " + cls.__name__})
K = M("K", (), {})
print(K.hello(), type(K).__name__)
