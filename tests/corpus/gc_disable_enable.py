# With automatic collection disabled, cycles pile up until gc.collect() is called; the
# program's data is unaffected either way.
import gc

gc.disable()
print(gc.isenabled())
for i in range(50000):
    x = []
    x.append(x)
found = gc.collect()
print(found >= 49000, found <= 50001)
gc.enable()

gc.set_threshold(0)
print(gc.get_threshold()[0])
for i in range(20000):
    y = {}
    y["y"] = y
print(gc.collect() >= 19000)
gc.set_threshold(700, 10, 10)

data = [[i, [i * 2]] for i in range(1000)]
for row in data:
    row.append(row)
gc.disable()
gc.collect()
gc.enable()
print(sum(r[0] for r in data), sum(r[1][0] for r in data), all(r[2] is r for r in data))
