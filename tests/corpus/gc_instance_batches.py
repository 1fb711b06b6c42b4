# Batches of instances of a few classes, alive and in garbage cycles, through many young and
# full collections (the collector's address index is reused from one collection to the next,
# and the tracer remembers the class it looked up last). Live objects keep every attribute.
import gc


class Point:
    def __init__(self, i):
        self.x = float(i)
        self.y = i * 2
        self.peer = None


class Pair:
    def __init__(self, left, right):
        self.left = left
        self.right = right


kept = []
for round_ in range(6):
    batch = [Point(round_ * 1000 + i) for i in range(1500)]
    for a, b in zip(batch, batch[1:]):
        a.peer = b
    batch[-1].peer = batch[0]
    pairs = [Pair(p, q) for p, q in zip(batch[::2], batch[1::2])]
    for pair in pairs[::3]:
        pair.left.peer = pair
    kept.append(batch[round_ * 7])
    if round_ % 2:
        gc.collect()
    else:
        gc.collect(0)
    # The batch becomes garbage (one ring), except the kept point and what it reaches.
    del batch, pairs

print(gc.collect() >= 0)
for p in kept:
    steps = 0
    q = p
    while True:
        nxt = q.peer
        q = nxt.right if isinstance(nxt, Pair) else nxt
        steps += 1
        if q is p or steps > 5000:
            break
    print(p.x, p.y, steps, q is p)

# Instances of a class created at run time, each referencing the class, then dropped with it.
for n in range(3):
    Temp = type("Temp%d" % n, (), {})
    objs = [Temp() for _ in range(800)]
    for o in objs:
        o.cls = Temp
        o.all = objs
    del Temp, objs
    print(gc.collect() > 0)
