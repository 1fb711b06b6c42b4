# BINARY_ADD / BINARY_SUB / BINARY_MUL compute int and float operands inline; every other
# case (i64 overflow, bools, bigints, mixed types, sequences, dunders, errors) must take the
# general path and give what CPython gives. Each loop warms the inline path first, then breaks
# its assumption.

def add(a, b):
    return a + b

def sub(a, b):
    return a - b

def mul(a, b):
    return a * b

def iadd(a, b):
    a += b
    return a

def isub(a, b):
    a -= b
    return a

def imul(a, b):
    a *= b
    return a

MAX = 2**63 - 1
MIN = -2**63

for f in (add, sub, mul, iadd, isub, imul):
    total = 0
    for i in range(200):
        total = f(total, 3) if f in (add, sub, iadd, isub) else f(i, 3)
    print(f.__name__, "warm", total)
    # i64 overflow: the result becomes a bigint, and back.
    print(f.__name__, f(MAX, 1), f(MIN, 1), f(MIN, -1), f(MAX, MAX), f(MIN, 2))
    big = f(MAX, 2)
    print(f.__name__, f(big, -big) if f is not mul else f(big, 0), type(f(big, 1)).__name__)
    # floats, mixed with ints, and the special values.
    print(f.__name__, f(1.5, 2.25), f(2, 0.5), f(0.5, 2), f(-0.0, 0.0), f(1e308, 10.0))
    print(f.__name__, f(float("inf"), 1), f(float("nan"), 1) != f(float("nan"), 1), f(MAX, 1.0))
    # bools are ints to Python but not to the inline path.
    print(f.__name__, f(True, True), f(True, 2), f(2.5, False), type(f(True, False)).__name__)

# Sequences and strings.
print(add("ab", "cd"), add([1], [2]), add((1,), (2,)), mul("ab", 3), mul(3, [0]), mul(-1, "x"))
l = [1]
l2 = iadd(l, [2])
print(l, l2 is l, imul([1, 2], 2), isub({1, 2, 3}, {2}))

# Dunders: forward, reflected, in-place, and NotImplemented.
class V:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return V(self.v + (o.v if isinstance(o, V) else o))
    def __radd__(self, o):
        return V(o + self.v)
    def __rsub__(self, o):
        return V(o - self.v)
    def __mul__(self, o):
        return NotImplemented
    def __rmul__(self, o):
        return V(o * self.v * 10)
    def __isub__(self, o):
        self.v -= o
        return self
    def __repr__(self):
        return f"V({self.v})"

print(add(V(1), 2), add(2, V(1)), add(V(1), V(2)), sub(10, V(3)), mul(2, V(3)))
v = V(5)
w = isub(v, 2)
print(v, w is v, iadd(V(1), 1.5))

class MyInt(int):
    def __add__(self, o):
        return "MyInt.__add__"
    def __rsub__(self, o):
        return "MyInt.__rsub__"

print(add(MyInt(1), 2), sub(5, MyInt(1)), mul(MyInt(3), 2), type(mul(MyInt(3), 2)).__name__)

for f, a, b in ((add, 1, "x"), (sub, "x", 1), (mul, [1], 1.5), (iadd, None, 1), (isub, 1.0, "a"), (imul, {}, 2), (mul, V(1), V(2))):
    try:
        f(a, b)
    except TypeError as e:
        print(f.__name__, "TypeError:", e)

try:
    mul("x", 2**70)
except OverflowError as e:
    print("OverflowError:", e)
try:
    add(2**2000, 1.0)
except OverflowError as e:
    print("OverflowError:", e)

# A loop over a list the program mutates, so an inline add sees ints, then floats, then strs.
items = [1, 2, 3]
acc = 0
for x in items:
    acc = acc + x
    if x == 3:
        items.append(0.5)
    elif x == 0.5:
        items.append(MAX)
print(acc, type(acc).__name__)
