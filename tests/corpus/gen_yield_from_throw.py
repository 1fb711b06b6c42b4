# throw() and close() are forwarded to the generator a yield from delegates to.
def inner():
    try:
        yield "i1"
        yield "i2"
    except KeyError as e:
        print("inner handled", repr(e))
        yield "inner recovered"
        return "inner result"
    finally:
        print("inner finally")


def outer():
    try:
        result = yield from inner()
        print("outer received", result)
        yield "outer continues"
    finally:
        print("outer finally")


o = outer()
print(next(o))
print(o.throw(KeyError("k")))
print(next(o))
print(next(o, "done"))

o = outer()
print(next(o))
o.close()
print("closed both")

o = outer()
next(o)
try:
    o.throw(ValueError("not handled inside"))
except ValueError as e:
    print("propagated through both:", e)


def delegate_returns_on_throw():
    try:
        yield 1
    except ZeroDivisionError:
        return "returned from throw"


def wrapper():
    value = yield from delegate_returns_on_throw()
    yield "wrapper got " + value


w = wrapper()
next(w)
print(w.throw(ZeroDivisionError))


def over_list():
    try:
        yield from [1, 2, 3]
    except ValueError:
        yield "list delegate cannot take throw; outer handled it"


ol = over_list()
print(next(ol))
print(ol.throw(ValueError))
print(ol.gi_yieldfrom)
