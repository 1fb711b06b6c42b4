# The class-call fast path (the __init__ frame remembered per class under its version tag)
# must follow every change to what a class call does.

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

def make(n):
    return [Point(i, i + 1) for i in range(n)]

print(sum(p.x + p.y for p in make(50)))

# __init__ replaced after warm-up.
def init_scaled(self, x, y):
    self.x = 10 * x
    self.y = 10 * y
Point.__init__ = init_scaled
print(sum(p.x + p.y for p in make(50)))

# A base's __init__ replaced: subclasses inheriting it follow.
class Base:
    def __init__(self, v):
        self.v = v
class Child(Base):
    pass
print([Child(i).v for i in range(3)])
Base.__init__ = lambda self, v: setattr(self, "v", -v)
print([Child(i).v for i in range(3)])
# ...and overriding it in the subclass after warm-up.
def child_init(self, v):
    self.v = v * 100
Child.__init__ = child_init
print([Child(i).v for i in range(3)])
del Child.__init__
print([Child(i).v for i in range(3)])

# __new__ added after warm-up.
class Counted:
    made = 0
    def __init__(self, tag):
        self.tag = tag
for i in range(20):
    Counted(i)
def counting_new(cls, *args):
    cls.made += 1
    return object.__new__(cls)
Counted.__new__ = counting_new
objs = [Counted(i) for i in range(5)]
print(Counted.made, [o.tag for o in objs])

# __new__ returning another type's instance skips __init__.
class Other:
    pass
class Swapper:
    inits = 0
    def __init__(self):
        Swapper.inits += 1
for _ in range(10):
    Swapper()
Swapper.__new__ = lambda cls: Other()
print(type(Swapper()).__name__, Swapper.inits)

# __init__ becomes a generator function, a callable object, or returns a value.
class Shape:
    def __init__(self):
        self.kind = "shape"
for _ in range(10):
    Shape()
def gen_init(self):
    yield 1
Shape.__init__ = gen_init
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
class CallableInit:
    def __call__(self, obj):
        print("callable init is not bound:", obj)
Shape.__init__ = CallableInit()
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
Shape.__init__ = lambda self: 42
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)

# A metaclass whose __call__ appears after warm-up.
class Meta(type):
    pass
class Managed(metaclass=Meta):
    def __init__(self, n):
        self.n = n
print([Managed(i).n for i in range(3)])
def meta_call(cls, *args):
    obj = type.__call__(cls, *args)
    obj.n += 1000
    return obj
Meta.__call__ = meta_call
print([Managed(i).n for i in range(3)])
del Meta.__call__
print([Managed(i).n for i in range(3)])

# __class__ of instances and the class's own attributes keep working.
class A:
    def __init__(self):
        self.a = 1
class B:
    def __init__(self):
        self.b = 2
x = A()
x.__class__ = B
print(type(x).__name__, vars(x), type(A()).__name__, vars(B()))
