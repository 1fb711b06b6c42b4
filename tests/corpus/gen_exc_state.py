# sys.exc_info() inside generators: their own handled exception travels with their frame.
import sys


def name():
    t = sys.exc_info()[0]
    return None if t is None else t.__name__


def in_handler():
    try:
        raise KeyError("gen")
    except KeyError:
        yield name()
        yield name()
    yield name()


g = in_handler()
print("outside:", name())
print("gen:", next(g))
try:
    raise ValueError("caller")
except ValueError:
    print("gen while caller handles:", next(g), "caller:", name())
print("gen after handler:", next(g), "caller:", name())


def plain():
    yield name()


try:
    raise IndexError
except IndexError:
    print("plain generator sees caller's:", next(plain()))


def reraiser():
    try:
        raise TypeError("original")
    except TypeError:
        yield "suspended in except"
        raise


r = reraiser()
next(r)
try:
    next(r)
except TypeError as e:
    print("re-raised after resume:", e)
print("caller state clean:", name())
