# Which method `a + b` calls first when the left operand is an instance of a Python class,
# for each kind of right operand: the lookup decides without the right operand's type when
# that type cannot be a subclass of the left one's (builtin values), and asks it otherwise
# (instances of other classes, exceptions and classes, whose types can derive from it).


class Mixin:
    def __add__(self, other):
        return ('Mixin.__add__', type(other).__name__)

    def __radd__(self, other):
        return ('Mixin.__radd__', type(other).__name__)

    def __mul__(self, other):
        return ('Mixin.__mul__', type(other).__name__)


# An exception class deriving from the left operand's class, with its own reflected method.
class Failure(Exception, Mixin):
    def __radd__(self, other):
        return ('Failure.__radd__', type(other).__name__)


# A metaclass deriving from it: its classes are right operands whose type is a subclass.
class Meta(type, Mixin):
    def __radd__(cls, other):
        return ('Meta.__radd__', cls.__name__)


class Shape(metaclass=Meta):
    pass


class Other:
    def __radd__(self, other):
        return ('Other.__radd__', type(other).__name__)


m = Mixin()
for _ in range(3):
    for right in [1, 2.5, 'text', None, (1,), [2], {3: 4}, True, Other(), Mixin(), Failure('x'), Shape, Meta, Mixin]:
        print(m + right, m * right)
    print(b'ab' * 2, bytearray(b'c') * 2)
