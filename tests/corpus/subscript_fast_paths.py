# BINARY_SUBSCR and STORE_SUBSCR read and write lists and tuples by int index inline; every
# other index or container takes the general path, with CPython's results and errors.

items = [10, 20, 30]
row = (1, "two", 3.0, None)
total = 0
for i in range(-3, 3):
    total += items[i]
print(total, [row[i] for i in range(-4, 4)])
print(items[True], row[False], items[-1], row[-1])

for bad in (3, -4, 10 ** 20, -(10 ** 20)):
    for seq in (items, row):
        try:
            seq[bad]
        except IndexError as e:
            print(type(seq).__name__, bad, "IndexError:", e)
for key in ("0", 1.0, None):
    for seq in (items, row):
        try:
            seq[key]
        except TypeError as e:
            print("TypeError:", e)

class Tuple2(tuple):
    def __getitem__(self, i):
        return ("sub", super().__getitem__(i))
class List2(list):
    def __getitem__(self, i):
        return ("sub", list.__getitem__(self, i))
t2, l2 = Tuple2((5, 6)), List2([7, 8])
print(t2[0], t2[-1], l2[1], row[1:3], items[::-1])
l2[0] = 21
print(list(l2), l2[0], tuple.__getitem__(t2, 1))

# Stores: negative indexes, replaced objects dropped, out of range.
class Noisy:
    def __init__(self, name):
        self.name = name
objs = [Noisy("a"), Noisy("b"), Noisy("c")]
objs[-1] = Noisy("z")
objs[0] = objs[1]
print([o.name for o in objs])
for bad in (3, -4):
    try:
        objs[bad] = None
    except IndexError as e:
        print("IndexError:", e)
try:
    row[0] = 1
except TypeError as e:
    print("TypeError:", e)

# A list changed while it is indexed in a loop.
grow = [0, 1]
for i in range(6):
    grow.append(grow[i % len(grow)] + grow[-1])
    if len(grow) > 5:
        del grow[0]
print(grow)
