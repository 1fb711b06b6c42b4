# Re-raising an exception from its own context does not create a cycle.
try:
    try:
        raise ValueError("a")
    except ValueError as a:
        try:
            raise KeyError("b")
        except KeyError as b:
            raise a
except ValueError as e:
    print(repr(e), repr(e.__context__))
    print(repr(e.__context__.__context__))

# Raising the handled exception itself does not set its context to itself.
try:
    try:
        raise TypeError("self")
    except TypeError as t:
        raise t
except TypeError as e:
    print(e.__context__)

# Setting __cause__ and __context__ by hand.
e = ValueError("x")
e.__cause__ = KeyError("c")
print(repr(e.__cause__), e.__suppress_context__)
e.__context__ = IndexError("i")
print(repr(e.__context__))
e.__suppress_context__ = False
print(e.__suppress_context__)
try:
    e.__cause__ = "nope"
except TypeError as err:
    print(err)
