# Binary operators whose special method is a Python function run it as a frame of the
# running loop. Each case checks that the rest of the operator protocol still happens:
# NotImplemented going on to the reflected method or to a TypeError, in-place methods
# falling back to the plain ones, subclasses' reflected methods going first, exceptions and
# tracebacks through the method, recursion, and methods that rebind their parameters.
import sys


class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        if isinstance(other, V):
            return V(self.x + other.x)
        if isinstance(other, (int, float)):
            return V(self.x + other)
        return NotImplemented

    def __radd__(self, other):
        return ('radd', other)

    def __sub__(self, other):
        self = 'rebound'
        other = None
        return self

    def __mul__(self, k):
        return V(self.x * k)

    def __iadd__(self, other):
        if other == 7:
            return NotImplemented
        self.x += 1000
        return self

    def __repr__(self):
        return 'V(%r)' % (self.x,)


vs = [V(i) for i in range(5)]
total = V(0)
for v in vs:
    total = total + v
print(total, vs[1] + 2.5, vs[2] * 3, vs[3] - vs[4])

# NotImplemented from __add__: the other operand's __radd__ (a different class).
class W:
    def __radd__(self, other):
        return ('W.radd', other.x)


print(vs[1] + W())
# NotImplemented and no reflected method: a TypeError naming both types.
try:
    vs[1] + 'text'
except TypeError as e:
    print('TypeError', e)
# No __mul__ reflected: `'s' * V` goes to str first, then V has no __rmul__.
try:
    'text' * vs[1]
except TypeError as e:
    print('TypeError', e)

# In-place: __iadd__ runs; NotImplemented falls back to __add__, then __radd__.
t = V(1)
t += 5
print(t)
t += 7
print(t)
u = V(2)
u += V(3)
print(u)

# A subclass of the right operand's class with its own __radd__ goes first.
class SubV(V):
    def __radd__(self, other):
        return ('SubV.radd first', other.x)


print(V(1) + SubV(2), SubV(2) + V(1))

# A subclass that does not override the reflected method: the forward method runs first.
class PlainSub(V):
    pass


print(V(1) + PlainSub(2))

# Exceptions inside the method unwind through its frame to the caller's handler.
class Boom:
    def __add__(self, other):
        return 1 / other

    def __mul__(self, other):
        raise KeyError(other)


def use_boom():
    try:
        return Boom() + 0
    except ZeroDivisionError as e:
        return 'caught ' + str(e)


print(use_boom())
try:
    Boom() * 'k'
except KeyError as e:
    print('KeyError', e)

# A method with defaults, *args and keyword-only parameters, and a closure.
def make_adder(offset):
    class Adder:
        def __add__(self, other, *rest, scale=1):
            return (other + offset) * scale + len(rest)
    return Adder()


print(make_adder(10) + 5)

# Recursion through an operator: a RecursionError, then normal operation again.
class Deep:
    def __add__(self, other):
        return self + other


limit = sys.getrecursionlimit()
try:
    Deep() + 1
except RecursionError:
    print('RecursionError')
print(V(1) + V(2))

# A generator function as a special method returns a generator.
class Gen:
    def __add__(self, other):
        yield other
        yield other


print(list(Gen() + 7))

# Methods replaced after warm-up, and a non-function callable as the method.
class R:
    def __add__(self, other):
        return 'first'


r = R()
print([r + i for i in range(3)])
R.__add__ = lambda self, other: 'second'
print(r + 1)


class CallableAdd:
    def __call__(self, a, b):
        return 'callable object'


class H:
    __add__ = CallableAdd()


try:
    print(H() + 1)
except TypeError as e:
    print('TypeError', e)
R.__add__ = staticmethod(lambda a, b: ('static', a, b))
try:
    print(r + 2)
except TypeError as e:
    print('TypeError', e)
R.__add__ = staticmethod(lambda b: ('static', b))
print(r + 3)

# An operator used inside a deep expression and in a comprehension, and the result unused.
vals = [V(i) + V(1) * 2 - V(0) for i in range(3)]
print(vals)
for _ in range(3):
    V(1) + V(1)
print(sum((V(i) + 1).x for i in range(10)))

# Special methods are looked up through a per-class cache: one added to a base class after
# warm-up reaches the subclass's instances, and deleting it takes it away again.
class Base2:
    pass


class Sub2(Base2):
    pass


s2 = Sub2()
for _ in range(2):
    try:
        s2 + 1
    except TypeError as e:
        print('TypeError', e)
Base2.__add__ = lambda self, other: ('added to base', other)
print(s2 + 1, Base2() + 2)
del Base2.__add__
try:
    s2 + 1
except TypeError as e:
    print('TypeError', e)

# The same for `__init__` and `__new__` of a class called after warm-up.
class K:
    def __init__(self):
        self.v = 1


ks = [K().v for _ in range(3)]
K.__init__ = lambda self: setattr(self, 'v', 2)
print(ks, K().v)
K.__new__ = lambda cls: 'from __new__'
print(K())
