# Cycles that run through tuples (immutable, so the list or dict in the cycle is what gets
# cleared) are collected; a tuple kept alive keeps its cycle intact.
import gc

gc.collect()
a = []
t = (a, "label")
a.append(t)
del a, t
print(gc.collect() >= 2)

for i in range(100000):
    holder = {}
    pair = (holder, i)
    holder["pair"] = pair

keep = []
inner = (keep, 1, (keep, 2))
keep.append(inner)
for _ in range(3):
    gc.collect()
print(keep[0][1], keep[0][2][1], keep[0][0] is keep, keep[0][2][0] is keep)

args = []
def f(*rest):
    args.append(rest)
f(args, 1)
print(len(args), args[0][1], args[0][0] is args)
del args
print(gc.collect() >= 1)
