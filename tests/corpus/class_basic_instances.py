# Class statement, instances with attributes, methods, bound methods, __init__.
class Counter:
    """Counts things."""
    start = 10

    def __init__(self, step=1):
        self.value = Counter.start
        self.step = step

    def tick(self):
        self.value += self.step
        return self.value


c = Counter()
d = Counter(5)
print(c.tick(), c.tick(), d.tick())
print(c.value, d.value, Counter.start)
m = c.tick
print(m(), m.__self__ is c, m.__func__ is Counter.tick)
print(Counter.__name__, Counter.__qualname__, Counter.__module__, Counter.__doc__)
print(type(c) is Counter, type(c).__name__, c.__class__ is Counter)
print(sorted(c.__dict__.items()))
c.extra = "x"
print(c.extra, "extra" in vars(c), hasattr(c, "nope"), getattr(c, "nope", 42))
setattr(c, "value", 0)
print(c.value)
delattr(c, "extra")
print(hasattr(c, "extra"))
Counter.start = 100
print(Counter().value)
print(Counter.tick(c), c.value)
