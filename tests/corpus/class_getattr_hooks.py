# __getattr__ fallback, __getattribute__ override, __setattr__/__delattr__ with object.__setattr__.
class Lazy:
    def __init__(self):
        self.loaded = {}

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = name * 2
        self.loaded[name] = value
        return value


z = Lazy()
print(z.ab, z.loaded, getattr(z, "cd"), hasattr(z, "_hidden"))


class Logged:
    def __init__(self):
        object.__setattr__(self, "log", [])
        self.a = 1

    def __setattr__(self, name, value):
        self.log.append(("set", name))
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        self.log.append(("del", name))
        object.__delattr__(self, name)


g = Logged()
g.b = 2
del g.a
print(g.log, g.b, hasattr(g, "a"))


class Upper:
    def __init__(self):
        self.name = "x"

    def __getattribute__(self, name):
        if name == "secret":
            return 42
        value = object.__getattribute__(self, name)
        if isinstance(value, str):
            return value.upper()
        return value


u = Upper()
print(u.name, u.secret)


class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return getattr(self._target, name)


px = Proxy([3, 1, 2])
px.sort()
print(px._target, px.count(1))
px.missing_attribute
