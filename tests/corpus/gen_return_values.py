# Return values travel in StopIteration.value; finally blocks run on return.
def returns(value):
    yield "only"
    return value


for v in [None, 0, "text", (1, 2), [3]]:
    g = returns(v)
    next(g)
    try:
        next(g)
    except StopIteration as e:
        print(repr(e.value), e.args)


def return_in_finally():
    try:
        yield 1
        return "from try"
    finally:
        print("finally before returning")


g = return_in_finally()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value:", e.value)


def early_return(items):
    for item in items:
        if item < 0:
            return "negative found"
        yield item
    return "all positive"


def collect(gen):
    out = []
    result = yield from gen
    out.append(result)
    return out


c = collect(early_return([1, 2, -1, 3]))
print(list(c))
c = collect(early_return([5]))
print(next(c))
try:
    next(c)
except StopIteration as e:
    print(e.value)
try:
    next(c)
except StopIteration as e:
    print("exhausted again:", e.value, e.args)
s = returns(1)
try:
    s.send("x")
except TypeError as e:
    print(e)
next(s)
next(s)
