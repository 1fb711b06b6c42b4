import sys
# sys.exc_info() follows the handled exception, including nesting.
print(sys.exc_info())
try:
    raise ValueError("outer")
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb is not None)
    try:
        raise KeyError("inner")
    except KeyError:
        print(sys.exc_info()[1])
    print("back to", repr(sys.exc_info()[1]))
print(sys.exc_info())

def helper():
    # A called function sees the caller's handled exception.
    return sys.exc_info()[0]

try:
    1 / 0
except ZeroDivisionError:
    print(helper().__name__)
print(helper())

# After a handler that returned from a function, the state is restored.
def swallow():
    try:
        raise IndexError
    except IndexError:
        return "swallowed"
print(swallow(), sys.exc_info())

# finally on the exceptional path sees the exception.
try:
    try:
        raise TypeError("in flight")
    finally:
        print("in finally:", repr(sys.exc_info()[1]))
except TypeError:
    pass
print(sys.exc_info())
