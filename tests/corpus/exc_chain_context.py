# Implicit chaining: __context__ is the exception being handled.
try:
    try:
        1 / 0
    except ZeroDivisionError:
        [][1]
except IndexError as e:
    print(repr(e))
    print(repr(e.__context__))
    print(e.__cause__, e.__suppress_context__)

# Raising inside finally chains to the exception in flight.
try:
    try:
        raise KeyError("a")
    finally:
        raise ValueError("b")
except ValueError as e:
    print(repr(e), "context:", repr(e.__context__))

# No context when nothing is handled.
try:
    raise ValueError("alone")
except ValueError as e:
    print(e.__context__)

# Uncaught chained exception: the last stderr line is the newest exception.
def load(key):
    data = {"a": 1}
    try:
        return data[key]
    except KeyError:
        raise RuntimeError("cannot load %s" % key)

print(load("a"))
load("b")
