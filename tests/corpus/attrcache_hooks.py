# Attribute caches fall back when hooks and descriptors appear after warm-up.

class Plain:
    def __init__(self):
        self.x = 1

def read(o, name_is_x=True):
    return o.x

def read_missing(o):
    return o.missing

p = Plain()
print(sum(read(p) for _ in range(10)))

# A property (data descriptor) added to the class after warm-up wins over the instance dict.
Plain.x = property(lambda self: "from property")
print(read(p), p.__dict__)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError:", e)
del Plain.x
print(read(p))

# __getattr__ appearing on the class after warm-up.
def safe_missing(o):
    try:
        return read_missing(o)
    except AttributeError as e:
        return "AttributeError: " + str(e)
print([safe_missing(p) for _ in range(3)])
Plain.__getattr__ = lambda self, name: "getattr " + name
print([safe_missing(p) for _ in range(3)], read(p))
del Plain.__getattr__
print(safe_missing(p))

# __getattribute__ appearing after warm-up.
print([read(p) for _ in range(3)])
Plain.__getattribute__ = lambda self, name: "intercepted " + name
print(read(p), p.y)
del Plain.__getattribute__
print(read(p))

# __setattr__ appearing after warm-up.
def write(o, v):
    o.x = v
for i in range(10):
    write(p, i)
print(p.x)
log = []
def logging_setattr(self, name, value):
    log.append((name, value))
    object.__setattr__(self, name, value * 10)
Plain.__setattr__ = logging_setattr
write(p, 3)
print(p.x, log)
del Plain.__setattr__
write(p, 4)
print(p.x, log)

# A data descriptor class defined by the user, added after warm-up.
class Loud:
    def __get__(self, obj, cls):
        return "loud get"
    def __set__(self, obj, value):
        obj.__dict__["stored"] = value
for i in range(5):
    write(p, i)
Plain.x = Loud()
write(p, 99)
print(read(p), p.__dict__)
del Plain.x

# A non-data descriptor (a function) vs instance attribute.
class WithFunc:
    def f(self):
        return "method f"
w = WithFunc()
print([w.f() for _ in range(3)])
w.__dict__["f"] = lambda: "instance f"
print(w.f())

# staticmethod and classmethod through instances.
class S:
    @staticmethod
    def st(x):
        return x + 1
    @classmethod
    def cm(cls, x):
        return cls.__name__ + str(x)
s = S()
print([s.st(i) for i in range(3)], [s.cm(i) for i in range(3)])
S.st = staticmethod(lambda x: x * 100)
print(s.st(2))
