# A function's first-statement string literal is its __doc__ (functions, methods, generator
# functions, nested functions); other first statements leave __doc__ None.
def documented(x):
    """Return x twice."""
    return x * 2


def undocumented(x):
    return x


def later_string():
    x = 1
    "not a docstring"
    return x


def concatenated():
    "first part, " "second part"


def gen():
    """Yields twice."""
    yield 1
    yield 2


def fstring_first():
    f"{1 + 1} is not a docstring"


def bytes_first():
    b"bytes are not docstrings"


class Box:
    """A box."""

    def open(self):
        """Open the box."""
        return "opened"

    @staticmethod
    def make():
        """Make a box."""

    @property
    def size(self):
        """The size."""
        return 3


def outer():
    def inner():
        """Inner doc."""
    return inner


print(repr(documented.__doc__), documented(4))
print(undocumented.__doc__, later_string.__doc__, later_string())
print(repr(concatenated.__doc__))
print(gen.__doc__, list(gen()))
print(fstring_first.__doc__, bytes_first.__doc__)
print(Box.__doc__, Box.open.__doc__, Box().open.__doc__, Box.make.__doc__)
print(outer().__doc__, (lambda: "x").__doc__)
documented.__doc__ = "changed"
print(documented.__doc__)
del documented.__doc__
print(documented.__doc__)
documented.tag = "t"
print(documented.tag)
del documented.tag
print(hasattr(documented, "tag"))
del documented.tag
