# An exception whose __str__ itself fails.
class Broken(Exception):
    def __str__(self):
        raise RuntimeError("no str for you")

try:
    raise Broken("x")
except Broken as e:
    print("caught", repr(e))
    try:
        str(e)
    except RuntimeError as inner:
        print("str failed:", inner)

raise Broken("y")
