# Attribute caches fall back when instances change after warm-up.

class Greeter:
    def hello(self):
        return "method"

def call_hello(obj):
    return obj.hello()

def get_hello(obj):
    return obj.hello

g = Greeter()
out = [call_hello(g) for _ in range(10)]
# An instance attribute shadowing a class method after warm-up.
g.hello = lambda: "instance attribute"
out += [call_hello(g) for _ in range(3)]
print(out)
print(get_hello(g)(), get_hello(Greeter())())
del g.hello
print(call_hello(g), get_hello(g)())

# del obj.attr then access: the exact AttributeError.
class P:
    def __init__(self):
        self.x = 1
        self.y = 2

def read_x(p):
    return p.x

p = P()
print(sum(read_x(p) for _ in range(20)))
del p.x
try:
    read_x(p)
except AttributeError as e:
    print("AttributeError:", e)
p.x = 41
print(read_x(p) + 1)

# Instances with their attributes inserted in different orders (the position hint misses).
class Pt:
    pass

def make(order):
    o = Pt()
    for name in order:
        setattr(o, name, name.upper())
    return o

a = make("xyz")
b = make("zyx")
c = make("yx")

def read_all(o):
    return o.x + o.y

print([read_all(o) for o in [a, b, c, a, b, c, b, a]])

def write_x(o, v):
    o.x = v

for i, o in enumerate([a, b, c, b, a, c]):
    write_x(o, i)
print(a.__dict__, b.__dict__, c.__dict__)

# The instance dict changed directly through __dict__.
def read_z(o):
    try:
        return o.z
    except AttributeError as e:
        return str(e)
print([read_z(a) for _ in range(3)])
del a.__dict__["z"]
print(read_z(a))
a.__dict__["z"] = "back"
print(read_z(a))
a.__dict__.clear()
print(read_z(a))

# Changing an instance's __class__ inside a hot loop.
class Cat:
    sound = "meow"
    def speak(self):
        return "cat says " + self.sound
class Dog:
    sound = "woof"
    def speak(self):
        return "dog says " + self.sound

pet = Cat()
said = []
for i in range(12):
    said.append(pet.speak())
    said.append(pet.sound)
    if i % 4 == 3:
        pet.__class__ = Dog if type(pet) is Cat else Cat
print(said)

# Polymorphic sites: two classes alternating through the same instructions.
class Square:
    def __init__(self, s):
        self.side = s
    def area(self):
        return self.side * self.side
class Rect:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.side = min(w, h)
    def area(self):
        return self.w * self.h

shapes = [Square(2), Rect(2, 3)] * 10
print(sum(s.area() for s in shapes), sum(s.side for s in shapes))
