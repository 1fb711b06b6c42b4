# Suspended generators dropped together (a frame's locals when it returns, a list's items)
# are closed in the order CPython finalizes them: first to last.

def gen(name):
    try:
        yield 1
        yield 2
    finally:
        print("closed", name)

def locals_on_return():
    a = gen("a")
    b = gen("b")
    next(a)
    next(b)
    c = [gen("c1"), gen("c2")]
    for g in c:
        next(g)
    return "returned"

print(locals_on_return())

def outer(name):
    inner = gen(name + ".inner")
    next(inner)
    try:
        yield 1
    finally:
        print("closing", name)
        # Dropping `inner` here queues another close while closes are running.
        del inner

def nested():
    x = outer("x")
    y = outer("y")
    next(x)
    next(y)

nested()
print("after nested")

# Replaced list items are closed at once; the rest when the frame's locals go.
def slots(n):
    items = [gen("item%d" % i) for i in range(n)]
    for g in items:
        next(g)
    del g
    items[1] = "replaced"
    items[-1] = None
    first = items[0]
    items = None
    print("items dropped")
    return first is not None

print(slots(3))
