# Attribute caches fall back when the class changes after warm-up.

class Base:
    def greet(self):
        return "base"

class Child(Base):
    pass

def call_greet(obj):
    return obj.greet()

def read_greet(obj):
    f = obj.greet
    return f()

c = Child()
# Warm up, then replace the method on the base class: the subclass must see it.
out = []
for i in range(40):
    if i == 20:
        Base.greet = lambda self: "patched base"
    out.append(call_greet(c))
    out.append(read_greet(c))
print(out[0], out[39], out[40], out[-1])
print(sorted(set(out)))

# Adding a method to a class after warm-up (the call raised AttributeError before).
class Late:
    pass

def try_late(obj):
    try:
        return obj.hello()
    except AttributeError as e:
        return str(e)

x = Late()
results = [try_late(x) for _ in range(5)]
Late.hello = lambda self: "hello now"
results += [try_late(x) for _ in range(5)]
print(results)

# Deleting a method after warm-up.
def bye(obj):
    try:
        return obj.method()
    except AttributeError as e:
        return "AttributeError: " + str(e)

class Gone:
    def method(self):
        return 1
g = Gone()
print([bye(g) for _ in range(5)])
del Gone.method
print([bye(g) for _ in range(3)])

# Class variables read through instances, changed with cls.x = and setattr(cls, ...).
class Counter:
    step = 1

def read_step(obj):
    return obj.step

k = Counter()
vals = []
for i in range(30):
    if i == 10:
        Counter.step = 5
    if i == 20:
        setattr(Counter, "step", 7)
    vals.append(read_step(k))
print(vals)

# A class variable on a base class, rebound after warm-up, read through a subclass instance.
class A:
    value = "a"
class B(A):
    pass
b = B()
seen = []
for i in range(10):
    if i == 5:
        A.value = "changed"
    seen.append(b.value)
print(seen)
# Then shadowed on the subclass itself.
B.value = "b's own"
print(b.value, A().value)
del B.value
print(b.value)

# Methods replaced through type.__setattr__ and object.__setattr__ on the class.
class T:
    def f(self):
        return "f1"
t = T()
print([t.f() for _ in range(3)])
type.__setattr__(T, "f", lambda self: "f2")
print([t.f() for _ in range(3)])
