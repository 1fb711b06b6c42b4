# Raising classes, instances and non-exceptions.
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)

try:
    raise IndexError("msg", 2)
except IndexError as e:
    print(repr(e), e.args, str(e))

try:
    raise "a string"
except TypeError as e:
    print(e)

try:
    raise int
except TypeError as e:
    print(e)

# except with something that is not an exception class.
try:
    try:
        1 / 0
    except 42:
        pass
except TypeError as e:
    print(e)

try:
    try:
        1 / 0
    except (ZeroDivisionError, "x"):
        pass
except TypeError as e:
    print(e)

# A class in the tuple is fine when a previous one matches? No: all are checked.
try:
    1 / 0
except (ZeroDivisionError, ValueError):
    print("tuple ok")

# Exceptions are values: store, pass, raise later.
errors = [ValueError("one"), KeyError("two"), ZeroDivisionError()]
for err in errors:
    try:
        raise err
    except Exception as e:
        print(type(e).__name__, repr(e), e is err)

raise 1
