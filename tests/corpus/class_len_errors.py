# __len__ must return a non-negative int.
class Weird:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


for value in [3, True, -1, "x", 2.5]:
    try:
        print(len(Weird(value)))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


class NoLen:
    pass


try:
    len(NoLen())
except TypeError as e:
    print(e)
try:
    iter(NoLen())
except TypeError as e:
    print(e)
try:
    NoLen()[0]
except TypeError as e:
    print(e)
try:
    NoLen()[0] = 1
except TypeError as e:
    print(e)
try:
    del NoLen()[0]
except TypeError as e:
    print(e)
try:
    1 in NoLen()
except TypeError as e:
    print(e)
try:
    NoLen()()
except TypeError as e:
    print(e)
try:
    -NoLen()
except TypeError as e:
    print(e)
try:
    NoLen() < NoLen()
except TypeError as e:
    print(e)


class BadBool:
    def __bool__(self):
        return 1


try:
    bool(BadBool())
except TypeError as e:
    print(e)


class BadIter:
    def __iter__(self):
        return 5


try:
    iter(BadIter())
except TypeError as e:
    print(e)


class BadRepr:
    def __repr__(self):
        return 42


repr(BadRepr())
