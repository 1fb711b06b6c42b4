# The dispatch loop runs the simplest instructions on its registers (vm/registers.rs) and
# sends anything else to the instruction's handler. Each fast case below is warmed up in a
# loop, then meets the operand or state that sends it back to the handler.


# LOAD_FAST: bound, then a slot that is unbound on the last round.
def unbound_late(n):
    total = 0
    for i in range(n):
        if i < n - 1:
            value = i
        total += value
        del value
    return total

try:
    unbound_late(5)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)


# STORE_FAST / POP_TOP of counted values: the replaced value is dropped exactly once.
class Tracked:
    alive = 0

    def __init__(self):
        Tracked.alive += 1

def replace_many():
    x = Tracked()
    for _ in range(100):
        x = [x]
        x = x[0]
    return x

print(type(replace_many()).__name__)


# POP_JUMP_IF_FALSE / TRUE: bools, ints and None, then an object with __bool__, then one whose
# __bool__ raises.
class Truth:
    def __init__(self, value):
        self.value = value

    def __bool__(self):
        if self.value is None:
            raise ValueError("no truth")
        return self.value

def count_true(items):
    n = 0
    for item in items:
        if item:
            n += 1
        if not item:
            n -= 1
    return n

print(count_true([True, 1, 0, None, False, 5] * 20))
print(count_true([True, 1, Truth(True), Truth(False), 0]))
try:
    count_true([1, 2, 3, Truth(None)])
except ValueError as e:
    print("ValueError:", e)


# JUMP_IF_TRUE_OR_POP / JUMP_IF_FALSE_OR_POP: the value itself is the result.
def pick(items):
    out = []
    for a, b in items:
        out.append(a or b)
        out.append(a and b)
    return out

print(pick([(0, 1), (2, 3), (None, "x"), ("", []), (Truth(True), 7), (Truth(False), 8)])[:8])


# COMPARE_OP on ints and floats, fused with the following jump, then mixed and other types.
def compare_all(pairs):
    out = []
    for a, b in pairs:
        if a < b:
            out.append("<")
        elif a == b:
            out.append("=")
        else:
            out.append(">")
        out.append(a >= b)
    return out

print(compare_all([(1, 2), (2, 2), (3.5, 1.5), (2, 2.0), (1.5, 2), ("a", "b"), ((1, 2), (1, 3))]))
try:
    compare_all([(1, 2)] * 50 + [(1, "x")])
except TypeError as e:
    print("TypeError:", e)
print(compare_all([(float("nan"), 1.0), (1.0, float("nan"))]))


# BINARY_ADD_INT & co.: int overflow into a bigint, then a float, then a str.
def accumulate(values):
    total = 0
    for v in values:
        total = total + v
        total = total * 1
        total = total - 0
    return total

print(accumulate([2**62] * 8))
print(accumulate([1] * 50 + [0.5]))
try:
    accumulate([1] * 50 + ["x"])
except TypeError as e:
    print("TypeError:", e)


# BINARY_OP on ints, then a zero divisor, then floats, then a subclass with __floordiv__.
class Halving(int):
    def __floordiv__(self, other):
        return "custom"

def divide(pairs):
    return [a // b for a, b in pairs] + [a % b for a, b in pairs if not isinstance(a, Halving)]

print(divide([(7, 2), (-7, 2), (7, -2), (7.5, 2), (9, 2.5)]))
print(divide([(Halving(8), 2)]))
try:
    divide([(1, 1)] * 20 + [(1, 0)])
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


# BINARY_SUBSCR: list and tuple by int, negative and out of range, then a dict and a str.
def index_all(seq, indexes):
    return [seq[i] for i in indexes]

print(index_all([10, 20, 30], [0, 1, 2, -1, -3]))
print(index_all((10, 20, 30), [2, -2]))
print(index_all({0: "zero", 1: "one"}, [0, 1]))
print(index_all("abc", [0, -1]))
try:
    index_all([1, 2, 3], [0, 1, 2, 3])
except IndexError as e:
    print("IndexError:", e)
try:
    index_all((1, 2, 3), [True, -4])
except IndexError as e:
    print("IndexError:", e)


# IS_OP on counted values: both operands are dropped.
def identity(items, probe):
    return [item is probe for item in items] + [item is not None for item in items]

probe = object()
print(identity([probe, object(), None, [], probe], probe))


# LOAD_DEREF: a bound cell, then a free variable deleted after warm-up.
def outer():
    value = 1
    def inner(n):
        total = 0
        for _ in range(n):
            total += value
        return total
    first = inner(10)
    del value
    try:
        inner(1)
    except NameError as e:
        return first, str(e)

print(outer())


# LOAD_GLOBAL after warm-up: rebinding the global, then deleting it.
counter = 1

def read_counter(n):
    total = 0
    for _ in range(n):
        total += counter
    return total

print(read_counter(10))
counter = 5
print(read_counter(10))
del counter
try:
    read_counter(1)
except NameError as e:
    print("NameError:", e)


# LOAD_ATTR / LOAD_METHOD / STORE_ATTR after warm-up: the class changes, the instance's
# __class__ changes, and a __setattr__ appears.
class Point:
    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x

class Other:
    def get(self):
        return "other"

def use(points):
    out = []
    for p in points:
        p.x = p.x + 1
        out.append(p.get())
    return out

pts = [Point(i) for i in range(5)]
print(use(pts))
Point.get = lambda self: -self.x
print(use(pts))
pts[0].__class__ = Other
try:
    print(use(pts))
except AttributeError as e:
    print("AttributeError:", e)

def logged_setattr(self, name, value):
    print("set", name, value)
    object.__setattr__(self, name, value)

Point.__setattr__ = logged_setattr
print(use(pts[1:3]))


# FOR_ITER over a list mutated during the loop, a range, then a generator.
def walk(items):
    seen = []
    for item in items:
        seen.append(item)
        if isinstance(items, list) and len(items) < 6:
            items.append(item * 10)
    return seen

print(walk([1, 2]))
print(walk(range(3)))
print(walk(x * 2 for x in range(3)))


# COPY / SWAP (chained comparisons, augmented subscripts, `with` targets).
def chained(values):
    return [0 < v < 10 for v in values]

print(chained([-1, 5, 10, 3.5]))
data = [1, 2, 3]
for i in range(3):
    data[i] += 10
print(data)


# CALL / CALL_METHOD / RETURN_VALUE of plain functions, then callables that are not plain:
# defaults, keywords, wrong counts, generators, classes, bound methods, natives, and a
# recursion that reaches the limit and is caught, after which calls go on.
def add(a, b):
    return a + b

def add_default(a, b=10):
    return a + b

def gen_pair(a, b):
    yield a
    yield b

class Adder:
    def __init__(self, base):
        self.base = base

    def plus(self, x):
        return self.base + x

    def __add__(self, other):
        return Adder(self.base + other.base)

class Pair:
    def __init__(self, a, b):
        self.base = a + b

def call_all(f, n):
    total = []
    for i in range(n):
        total.append(f(i, 1))
    return total

print(call_all(add, 3), call_all(add_default, 2), call_all(gen_pair, 1)[0].__class__.__name__)
print([list(g) for g in call_all(gen_pair, 2)], call_all(max, 3), call_all(Pair, 2)[1].base)
adder = Adder(100)
print([adder.plus(i) for i in range(3)], [Adder.plus(adder, i) for i in range(2)], (Adder(1) + Adder(2)).base)
try:
    call_all(lambda a: a, 1)
except TypeError as e:
    print("TypeError:", e)
print(add_default(1), add_default(a=1, b=2))

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

print(depth(100))
try:
    depth(100000)
except RecursionError as e:
    print("RecursionError:", e)
print(depth(200))

def leave_generator_suspended(n):
    g = gen_pair(n, n)
    next(g)
    return n

print(sum(leave_generator_suspended(i) for i in range(5)))
