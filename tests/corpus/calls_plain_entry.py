# The plain-entry call fast path (exact positional arguments, no cells, not a generator) and
# every case that must take the general binder instead, each called often in a loop.

def add(a, b):
    return a + b

def with_default(a, b=10):
    return a + b

def with_locals(a):
    t = a * 2
    u = t + 1
    return u

def with_cell(a):
    def inner():
        return a + 1
    return inner()

def gen(n):
    yield n
    yield n + 1

def star(*args):
    return len(args)

def kwonly(a, *, k=3):
    return a * k

class C:
    def method(self, x):
        return x + 1

total = 0
c = C()
for i in range(200):
    total += add(i, 1)
    total += with_default(i)          # fewer arguments than parameters
    total += with_default(i, 2)
    total += add(b=i, a=2)            # keywords
    total += with_locals(i)           # extra unbound local slots
    total += with_cell(i)             # cells
    total += sum(gen(i))              # generator
    total += star(i, i)               # *args
    total += kwonly(i, k=2)           # keyword-only
    total += c.method(i)              # bound through LOAD_METHOD
    total += C.method(c, i)
print(total)

# Wrong argument counts through the fast path's guard raise CPython's errors.
for args in [(), (1,), (1, 2, 3)]:
    try:
        add(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    with_locals()
except TypeError as e:
    print("TypeError:", e)

# A function rebound between calls: the call uses the current object.
def f(x):
    return x
results = []
for i in range(3):
    results.append(f(i))
    def f(x):
        return x * 100
print(results)

# Unbound local after entry (the slot is marked unbound on entry).
def uses_before_assign(a):
    if a:
        v = 1
    return v
print(uses_before_assign(1))
try:
    uses_before_assign(0)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

# Deep recursion through the fast path is a RecursionError, and the stack stays usable.
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)
print(add(2, 3))
