# The object base: object(), its methods used directly, NotImplemented, default hooks.
o = object()
print(type(o).__name__, isinstance(o, object), o == o, o != object(), hash(o) == hash(o))
try:
    o.x = 1
except AttributeError as e:
    print(e)
try:
    object(1)
except TypeError as e:
    print(e)


class P:
    def __init__(self, v):
        self.v = v


p = P(1)
print(object.__eq__(p, p), object.__eq__(p, P(1)), object.__ne__(p, P(1)))
print(object.__repr__(p).split(" at ")[0], object.__str__(p) == repr(p))
print(object.__hash__(p) == hash(p), object.__format__(p, "") == str(p))
object.__setattr__(p, "w", 2)
print(object.__getattribute__(p, "w"), p.w)
object.__delattr__(p, "w")
print(hasattr(p, "w"), NotImplemented, type(NotImplemented).__name__, bool(P))
print(P.__init__ is not object.__init__, P.__repr__ is object.__repr__)
print(p.__class__.__name__, p.__dict__, type(p.__init__).__name__, type(P.__init__).__name__)
print(P.__eq__(p, 3), P.__ne__(p, p))
object.__getattribute__(p, "nope")
