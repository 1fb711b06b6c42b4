class Custom(Exception):
    def __repr__(self):
        return "<Custom %s>" % (self.args,)

e = Custom(1, 2)
print(repr(e), str(e), [e])

class WithSlotsLike(ValueError):
    pass
print(repr(WithSlotsLike("v")), WithSlotsLike("v").args)
print(WithSlotsLike.__name__, issubclass(WithSlotsLike, ValueError))
try:
    int("bad")
except ValueError as err:
    print(type(err) is ValueError)

class KeyProblem(KeyError):
    pass
print(str(KeyProblem("k")), repr(KeyProblem("k")))
