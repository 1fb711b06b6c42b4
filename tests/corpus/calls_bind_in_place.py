# Argument binding rewrites the callee's slots in place, and natives get their arguments
# moved off the stack: every binding shape, errors in the middle of a binding (the stack
# must stay balanced for the loop that goes on), natives with many arguments, natives that
# raise or call back into Python, and a generator closed just before a native call.

def shapes(a, b=2, *rest, c, d=4, **extra):
    return a, b, rest, c, d, sorted(extra.items())


def posonly(x, /, y=10, *, z=20):
    return x, y, z


def defaults_only(a=1, b=[2], c=None):
    return a, b, c


print(shapes(1, c=3))
print(shapes(1, 2, 3, 4, 5, c=6, e=7, f=8))
print(shapes(a=1, c=2, zz=3))
print(shapes(*range(4), **{"c": 9, "q": 1}))
print(posonly(1), posonly(1, 2), posonly(1, y=3, z=4), posonly(5, z=6))
print(defaults_only(), defaults_only(c=3), defaults_only(9, c=[]))

# A default is shared, not copied, by the in-place binding.
first = defaults_only()[1]
first.append(3)
print(defaults_only()[1])

bad_calls = [
    lambda: shapes(),
    lambda: shapes(1),
    lambda: shapes(1, a=2, c=3),
    lambda: shapes(1, c=1, **{"c": 2}),
    lambda: posonly(x=1),
    lambda: posonly(1, 2, 3),
    lambda: posonly(1, w=2),
    lambda: posonly(),
    lambda: defaults_only(1, 2, 3, 4),
    lambda: defaults_only(d=1),
]
# Each failing binding leaves the caller's stack as it was: the loop and the values under
# the call (the pending list and string) carry on.
results = []
for round_number in range(3):
    for call in bad_calls:
        try:
            results.append(("ok", call()))
        except TypeError as e:
            results.append(str(e))
print(len(results))
for line in results[: len(bad_calls)]:
    print(line)

# Natives: more arguments than the inline buffer holds, keywords, errors, call-backs.
print(max(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5), min(9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -1))
print(*range(12), sep=",")
print(sorted([3, 1, 2], reverse=True), sorted(["bb", "a", "ccc"], key=len))
print(sorted(range(10), key=lambda v: (v % 3, -v)))
total = 0
for i in range(1000):
    total += len([i] * (i % 5)) + abs(-i) + max(i, 7)
print(total)
for bad in [lambda: len(5), lambda: abs("x"), lambda: max(), lambda: int("z"), lambda: [].pop()]:
    try:
        bad()
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
items = []
for i in range(5):
    items.append(i * i)
    items.extend((i,))
print(items, items.index(16), items.count(0))


def keyed(v):
    if v == 3:
        raise KeyError("three")
    return -v


try:
    sorted([1, 2, 3, 4], key=keyed)
except KeyError as e:
    print("KeyError from a key function:", e)


# A generator dropped while suspended is closed before the next call runs.
def suspended():
    try:
        yield 1
        yield 2
    finally:
        print("generator closed")


gen = suspended()
next(gen)
gen = None
print("after the drop:", len("abc"))
