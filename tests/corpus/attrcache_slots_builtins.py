# Attribute caches on __slots__ classes, modules and builtin-type methods.

class Slotted:
    __slots__ = ("a", "b")
    def __init__(self, a):
        self.a = a
    def total(self):
        return self.a + (self.b if hasattr(self, "b") else 0)

def read_b(o):
    try:
        return o.b
    except AttributeError as e:
        return "AttributeError: " + str(e)

s = Slotted(1)
print([s.total() for _ in range(3)], [read_b(s) for _ in range(2)])
for i in range(5):
    s.b = i
print(s.total(), read_b(s))
del s.b
print(read_b(s))
try:
    s.c = 1
except AttributeError as e:
    print("AttributeError:", e)

class SlottedChild(Slotted):
    __slots__ = ("c",)
sc = SlottedChild(5)
sc.c = 3
print(sc.a, sc.c, read_b(sc))

# Builtin-type methods through LOAD_METHOD, and a subclass of list overriding append.
class LoudList(list):
    def append(self, x):
        super().append(x * 10)

def add_all(target, items):
    for i in items:
        target.append(i)
    return target

print(add_all([], range(5)))
print(add_all(LoudList(), range(5)))
mixed = [[], LoudList(), [], LoudList()]
for m in mixed:
    add_all(m, [1, 2])
print(mixed)
print([",".join(["a", str(i)]) for i in range(3)], [{1: 2}.get(i, "no") for i in range(3)])

# A list subclass that does not override append uses list.append.
class Quiet(list):
    pass
print(add_all(Quiet(), range(3)))

# Module attributes: rebinding and deleting after warm-up.
import math
def root(x):
    return math.sqrt(x)
print([root(i * i) for i in range(5)])
real_sqrt = math.sqrt
math.sqrt = lambda x: "patched"
print(root(4))
del math.sqrt
try:
    root(4)
except AttributeError as e:
    print("AttributeError:", e)
math.sqrt = real_sqrt
print(root(16))

# Methods read from different receivers at one site.
def size(o):
    return o.__len__()
print([size(x) for x in ["abc", [1, 2], (1,), {1: 1}, "xy"]])
def upper_all(items):
    return [x.upper() for x in items]
print(upper_all(["a", "b"]), upper_all([b"c", b"d"]))
