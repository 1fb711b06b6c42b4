# An event bus with decorator registration, callable objects, class decorators.
class EventBus:
    def __init__(self):
        self.handlers = {}

    def on(self, event):
        def register(func):
            self.handlers.setdefault(event, []).append(func)
            return func
        return register

    def emit(self, event, *args, **kwargs):
        results = []
        for h in self.handlers.get(event, []):
            results.append(h(*args, **kwargs))
        return results


bus = EventBus()


@bus.on("greet")
def hello(name):
    return f"hello {name}"


@bus.on("greet")
def shout(name):
    return f"HEY {name.upper()}"


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return ("counted", args, sorted(kwargs))


counter = Counter()
bus.on("greet")(counter)
bus.on("data")(counter)
print(bus.emit("greet", "ann"))
print(bus.emit("data", 1, 2, key=3), counter.calls, callable(counter), callable(bus))
print(bus.emit("nothing"))


def auto_repr(cls):
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{cls.__name__}({fields})"
    cls.__repr__ = __repr__
    return cls


def register(registry):
    def deco(cls):
        registry[cls.__name__.lower()] = cls
        return cls
    return deco


EVENTS = {}


@register(EVENTS)
@auto_repr
class Click:
    def __init__(self, x, y):
        self.x, self.y = x, y


@register(EVENTS)
@auto_repr
class Key:
    def __init__(self, char):
        self.char = char


print(Click(1, 2), Key("q"), sorted(EVENTS), EVENTS["click"] is Click)


class Method:
    def __init__(self, func):
        self.func = func

    def __get__(self, obj, owner):
        if obj is None:
            return self
        return lambda *a: self.func(obj, *a)


class Widget:
    @Method
    def describe(self, extra):
        return f"widget {extra}"


print(Widget().describe("!"), type(Widget.describe).__name__)
