# Cycles through exceptions (their args and context) and bound methods are collected;
# live ones are untouched.
import gc

gc.collect()
errors = []
try:
    raise ValueError("bad", errors)
except ValueError as e:
    errors.append(e)
print(errors[0].args[0], errors[0].args[1] is errors)
del errors
print(gc.collect() >= 2)

for i in range(20000):
    box = []
    err = KeyError(box)
    box.append(err)

items = [3, 1, 2]
items.append(items.sort)
items[-1]()
print(items[:3] if items[0] == 1 else "unsorted")
del items
print(gc.collect() >= 2)

chain = []
try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise TypeError("outer", chain)
except TypeError as t:
    chain.append(t)
print(type(chain[0].__context__).__name__, chain[0].args[1] is chain)
del chain
print(gc.collect() >= 2)
