# operator.itemgetter, attrgetter (dotted names) and methodcaller.
import operator
from operator import itemgetter, attrgetter, methodcaller

rows = [("bob", 25, "x"), ("amy", 31, "y"), ("cid", 25, "a")]
print(sorted(rows, key=itemgetter(1, 0)), list(map(itemgetter(0), rows)))
print(itemgetter(1)("abc"), itemgetter(-1, 0)([1, 2, 3]), itemgetter("k")({"k": 9}), itemgetter(slice(1, 3))("hello"))
print(itemgetter(1), itemgetter(0, "a"), attrgetter("x"), attrgetter("a.b", "c"), methodcaller("f"), methodcaller("g", 1, k="v"))

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
class Box:
    def __init__(self, p):
        self.corner = p
        self.name = "box"
b = Box(Point(3, 4))
print(attrgetter("corner.x")(b), attrgetter("name", "corner.y")(b))
print(sorted([Point(2, 1), Point(1, 5)], key=attrgetter("x"))[0].y)
print(methodcaller("split", ",")("a,b,c"), methodcaller("replace", "a", "o", 1)("banana"), methodcaller("upper")("hi"))
print(methodcaller("split", sep="-", maxsplit=1)("a-b-c"))
for bad in [lambda: itemgetter(), lambda: attrgetter(1), lambda: methodcaller(), lambda: methodcaller(5),
            lambda: itemgetter(1)(5), lambda: attrgetter("nope")(b), lambda: itemgetter(1)()]:
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
itemgetter(5)([1])
