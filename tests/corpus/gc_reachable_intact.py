# A large cyclic structure that stays reachable keeps all its data across collections.
import gc

ring = []
first = {"value": 0, "next": None, "prev": None}
prev = first
ring.append(first)
for i in range(1, 5000):
    node = {"value": i, "next": None, "prev": prev}
    prev["next"] = node
    ring.append(node)
    prev = node
prev["next"] = first
first["prev"] = prev

for _ in range(3):
    gc.collect()

total = 0
n = first
for _ in range(5000):
    total += n["value"]
    n = n["next"]
print(total, n is first)
back = first["prev"]
print(back["value"], back["next"] is first)
del ring
gc.collect()
# Still reachable through `first`.
print(first["next"]["next"]["value"], first["prev"]["prev"]["value"])
n = first
count = 0
while True:
    count += 1
    n = n["next"]
    if n is first:
        break
print(count)
