# Suspended generators that reference themselves (through their locals) are reclaimed; live
# generators resume normally after collections.
import gc

def echo(box):
    while True:
        got = yield len(box)
        box.append(got)

for i in range(30000):
    box = []
    g = echo(box)
    box.append(g)
    next(g)

box = []
g = echo(box)
box.append(g)
print(next(g))
gc.collect()
print(g.send("a"), g.send("b"), box[0] is g, box[1:])

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fib()
first = [next(f) for _ in range(10)]
gc.collect()
print(first, next(f))
