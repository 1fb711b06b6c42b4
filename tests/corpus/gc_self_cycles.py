# Self-referencing containers are found by gc.collect() and nothing live is lost.
import gc

gc.collect()
a = [1, 2, 3]
a.append(a)
print(a)
del a
print(gc.collect() >= 1)
print(gc.collect())

d = {"name": "loop"}
d["self"] = d
print(d)
del d
print(gc.collect() >= 1)

# A live self-cycle survives any number of collections intact.
keep = ["x"]
keep.append(keep)
for _ in range(5):
    gc.collect()
print(keep[0], keep[1] is keep, len(keep))

# Mutual references between a list and a dict.
lst = []
dct = {"list": lst}
lst.append(dct)
del lst, dct
print(gc.collect() >= 2)
print(gc.collect())
