# args, str() and repr() of exceptions.
cases = [
    ValueError(),
    ValueError("msg"),
    ValueError("a", 1),
    ValueError(42),
    KeyError("key"),
    KeyError(3),
    KeyError(),
    KeyError("a", "b"),
    IndexError("list index out of range"),
    Exception(None),
    Exception(""),
    Exception([1, 2]),
    RuntimeError(("t",)),
]
for e in cases:
    print(repr(e), "|", str(e), "|", e.args)

e = ValueError("x")
e.args = ("changed", 2)
print(e, e.args)
e.args = [1]
print(repr(e), e.args)

print(str(KeyError("it's")))
print(repr(KeyError("it's")))
print(f"{ValueError('formatted')}")
print("%s / %r" % (ValueError("p"), ValueError("p")))
print([ValueError("in list")])
