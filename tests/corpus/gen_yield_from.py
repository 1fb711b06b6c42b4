# yield from: delegation, return values, send forwarding, any iterable.
def inner(n):
    for i in range(n):
        yield i
    return n * 100


def outer():
    result = yield from inner(3)
    print("inner returned", result)
    result = yield from inner(0)
    print("empty inner returned", result)
    yield from [10, 11]
    yield from "ab"
    yield from (x * 2 for x in range(2))
    yield from {"k": 1}
    return "outer done"


print(list(outer()))


def receiver():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x


def delegator():
    r = yield from receiver()
    yield "receiver finished with %d" % r


d = delegator()
print(next(d))
print(d.send(4))
print(d.send(6))
print(d.send(None))


def chain(*iterables):
    for it in iterables:
        yield from it


print(list(chain([1, 2], (3,), range(4, 6), "xy")))


def flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


print(list(flatten([1, [2, [3, [4, [5]]]], 6, [[7]]])))


def gen_returning_value():
    yield 1
    return "value"


def capture():
    v = yield from gen_returning_value()
    return v


c = capture()
print(next(c))
print(next(c, "caught"))
