# PEP 479 in generator functions and generator expressions.
def leaky():
    yield 1
    next(iter([]))


try:
    for x in leaky():
        print("got", x)
except RuntimeError as e:
    print(type(e).__name__ + ":", e)
    print("cause:", type(e.__cause__).__name__, e.__cause__ is e.__context__)
    print(e.__suppress_context__)

it = iter([1, 2])
try:
    print(list(next(it) for _ in range(5)))
except RuntimeError as e:
    print("genexpr:", e)


def explicit():
    raise StopIteration("explicit")
    yield


try:
    next(explicit())
except RuntimeError as e:
    print(e, repr(e.__cause__))


def returns_normally():
    yield 1
    return "fine"


print(list(returns_normally()))


def catches_inside():
    try:
        next(iter([]))
    except StopIteration:
        yield "caught StopIteration inside: no conversion"


print(list(catches_inside()))
g = leaky()
next(g)
try:
    next(g)
except StopIteration:
    print("not reached")
except RuntimeError:
    print("generator finished:", next(g, "yes"))
