# Objects that die young start no collection (CPython's young count goes down when a
# tracked object is freed); objects that stay alive, or garbage cycles, still do.
import gc

gc.collect()
before = gc.get_stats()[0]["collections"]
total = 0
for i in range(50000):
    temp = [i, i + 1]
    pair = {"a": temp}
    total += len(pair["a"])
print(total, gc.get_stats()[0]["collections"] - before)

before = gc.get_stats()[0]["collections"]
kept = [[i] for i in range(5000)]
print(len(kept), gc.get_stats()[0]["collections"] - before > 0)

before = sum(s["collections"] for s in gc.get_stats())
for i in range(20000):
    a = []
    a.append(a)
print(sum(s["collections"] for s in gc.get_stats()) - before > 0)
del a
print(gc.collect() >= 1)
