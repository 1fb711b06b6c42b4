# Many short-lived cycles built in a loop: automatic collection reclaims them while the
# program goes on, and the cycles that are kept stay intact.
import gc

kept = []
for i in range(300000):
    a = []
    b = [a, i]
    a.append(b)
    if i % 50000 == 0:
        kept.append(a)

for a in kept:
    b = a[0]
    print(b[1], b[0] is a)

nodes = []
for i in range(100000):
    node = {"id": i}
    node["me"] = node
    if i % 25000 == 0:
        nodes.append(node)
print([n["id"] for n in nodes], all(n["me"] is n for n in nodes))
gc.collect()
print(gc.collect())
