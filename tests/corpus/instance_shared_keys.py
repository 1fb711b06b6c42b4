# Instances keep their attributes inline, laid out by names their class shares, until that
# layout no longer fits (another order, a deletion, `__dict__`, a class change, many names).
# Each case runs warm loops so the attribute caches are filled, then breaks the assumption.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def total(self):
        return self.x + self.y


def warm(objs):
    s = 0
    for o in objs:
        s += o.x + o.y
        o.x = o.x + 1
    return s


ps = [P(i, 2 * i) for i in range(50)]
print(warm(ps), warm(ps))

# Another order of the same names: the dict keeps the instance's own order.
q = P.__new__(P)
q.y = 7
q.x = 3
print(vars(q), list(vars(ps[0])), warm(ps + [q]), q.total())

# A name only some instances have, set after the shared ones.
ps[1].z = 'z'
print(vars(ps[1]), hasattr(ps[2], 'z'), getattr(ps[2], 'z', None))
ps[3].z = 'zz'
print([getattr(p, 'z', '-') for p in ps[:5]])

# An instance skipping a shared name, then setting a later one.
r = P.__new__(P)
r.x = 1
r.z = 2
print(vars(r), r.x, r.z)
r.y = 5
print(vars(r), r.total())

# Deleting: the attribute is gone, the others stay, order kept for re-added names.
d = P(10, 20)
d.z = 30
del d.y
print(vars(d), hasattr(d, 'y'))
d.y = 40
print(vars(d), d.total(), warm([d, P(1, 1)]))
try:
    del d.nothere
except AttributeError as e:
    print('AttributeError', e)
try:
    P(1, 2).missing
except AttributeError as e:
    print('AttributeError', e)

# `__dict__` is live both ways, before and after warm-up.
e = P(1, 2)
dd = e.__dict__
dd['x'] = 100
dd['w'] = 'new'
e.y = 200
print(e.x, e.w, dd, e.total())
e.__dict__ = {'x': -1, 'y': -2}
print(vars(e), e.total(), warm([e]))
vars(e)[1] = 'int key'
print(sorted(map(str, vars(e))))

# A class attribute shadowed by an instance attribute only on some instances.
class C:
    kind = 'class'

    def describe(self):
        return self.kind


cs = [C() for _ in range(20)]
print([c.describe() for c in cs[:3]])
for _ in range(3):
    print(''.join(c.describe()[0] for c in cs))
    cs[5].kind = 'instance'
print(cs[5].describe(), cs[4].describe(), C().describe())
del cs[5].kind
print(cs[5].describe())

# A method replaced on one instance.
class M:
    def f(self):
        return 'method'


ms = [M() for _ in range(10)]
for _ in range(3):
    print([m.f() for m in ms][:2])
ms[0].f = lambda: 'instance function'
print(ms[0].f(), ms[1].f())

# `__class__` assignment between classes with different shared names.
class A:
    def __init__(self):
        self.a = 1
        self.b = 2


class B:
    def __init__(self):
        self.b = 'B.b'
        self.c = 'B.c'


objs = [A() for _ in range(10)] + [B() for _ in range(10)]
for _ in range(2):
    print([(getattr(o, 'a', None), o.b) for o in objs[8:12]])
x = objs[0]
x.__class__ = B
print(type(x).__name__, vars(x), x.b, getattr(x, 'c', 'no c'))
x.c = 'set'
print(vars(x), [vars(o) for o in objs[9:11]])

# Many names: past the shared limit the instance moves to a dict, all names intact.
class Wide:
    pass


w = Wide()
for i in range(40):
    setattr(w, 'a%d' % i, i)
print(len(vars(w)), w.a0, w.a29, w.a30, w.a39, list(vars(w))[28:33])
w2 = Wide()
for i in range(40):
    setattr(w2, 'a%d' % i, -i)
print(sum(getattr(w2, 'a%d' % i) for i in range(40)))

# Subclasses share no names with their base.
class Base:
    def __init__(self):
        self.base = 'b'


class Derived(Base):
    def __init__(self):
        self.first = 'f'
        super().__init__()


print(vars(Derived()), vars(Base()), vars(Derived()))

# copy and deepcopy of instances with inline values and with dicts.
import copy

orig = P([1], [2])
sh = copy.copy(orig)
dp = copy.deepcopy(orig)
orig.x.append(3)
print(vars(sh), vars(dp), vars(copy.copy(d)))

# setattr/getattr/delattr builtins with non-interned names.
name = ''.join(['t', 'o', 't'])
t = P(1, 2)
setattr(t, name, 9)
print(getattr(t, 'tot'), vars(t))
delattr(t, name)
print(vars(t))

# Attributes survive a cycle through the instance, and the collector frees the garbage.
import gc

class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


a, b = Node('a'), Node('b')
a.other, b.other = b, a
del a, b
print(gc.collect() >= 2)
n = Node('n')
n.other = n
print(n.other.other.name)

# A property and __getattr__ on classes whose instances have inline values.
class G:
    def __init__(self):
        self.v = 1

    def __getattr__(self, name):
        return 'getattr:' + name


gs = [G() for _ in range(5)]
print([g.v for g in gs], gs[0].nope)
G.v = property(lambda self: 'property')
print(gs[0].v, vars(gs[0]))
