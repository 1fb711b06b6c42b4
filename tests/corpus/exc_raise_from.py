# raise ... from ... sets __cause__ and __suppress_context__.
class_ = ValueError
try:
    try:
        int("x")
    except ValueError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(repr(e.__cause__), e.__suppress_context__)
    print(repr(e.__context__))

try:
    try:
        {}[1]
    except KeyError:
        raise TypeError("clean") from None
except TypeError as e:
    print(e.__cause__, e.__suppress_context__, repr(e.__context__))

# The cause may be a class: it is instantiated.
try:
    raise ValueError("v") from KeyError
except ValueError as e:
    print(repr(e.__cause__))

try:
    raise ValueError("v") from 5
except TypeError as e:
    print(e)

def convert(s):
    try:
        return int(s)
    except ValueError as e:
        raise LookupError("bad number %r" % s) from e

print(convert("12"))
convert("twelve")
