# __slots__: no __dict__, AttributeError for unknown names, inherited slots.
class P:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x


p = P(1)
print(p.x, hasattr(p, "y"), hasattr(p, "__dict__"))
p.y = 2
print(p.x + p.y)
del p.y
print(hasattr(p, "y"))


class Q(P):
    __slots__ = ["z"]


q = Q(5)
q.z = 6
print(q.x, q.z, P.__slots__, Q.__slots__)


class R(P):
    pass


r = R(1)
r.anything = 3
print(r.anything, sorted(vars(r)))
p.w = 1
