# FOR_ITER steps list, tuple and range iterators in the dispatch loop, enumerate() reuses
# its (index, item) tuple when nothing else holds it, and non-ASCII strings index from the
# last position looked up. Each of these must behave as if it did not exist.

# Tuples in loops: nested, empty, holding anything, and the iterator used by hand after.
points = ((1, 2), (3, 4), (), ("a", None, [5]))
for point in points:
    for part in point:
        print(part, end=" ")
print()
it = iter((10, 20, 30))
for x in it:
    if x == 20:
        break
print(list(it), list(it))

# A list iterator stays exhausted, even if the list grows afterwards (as in CPython).
items = [1, 2]
it = iter(items)
print([x for x in it])
items.append(3)
print(list(it))
# A list mutated during the loop.
items = [1, 2, 3]
for x in items:
    if x < 3:
        items.append(x * 10)
print(items)

# enumerate: tuples kept by the caller are not rewritten; ids may repeat only when dropped.
pairs = list(enumerate("abc"))
print(pairs)
e = enumerate([1, 2, 3])
a = next(e)
b = next(e)
print(a, b, a is b)
kept = []
for t in enumerate([[1], [2], 3, "s", 4.5, None, (1,)]):
    kept.append(t)
print(kept)
for i, x in enumerate([1, 2, 3]):
    if i == 1:
        saved = (i, x)
print(saved, [t for t in enumerate("xy", 5)], dict(enumerate("pq")))
total = 0
for i, x in enumerate(range(10, 20)):
    total += i * x
print(total)
last = None
for t in enumerate(range(5)):
    if last is not None:
        print(last, end=" ")
    last = t
print(last)
big = enumerate([7, 8], 2**62 * 2 - 2)
print(list(big))

# Non-ASCII text indexed forward, backward and at random (strings long enough to get an
# index, and short ones).
text = "".join("aé€😀z"[i % 5] for i in range(400))
forward = "".join(text[i] for i in range(len(text)))
backward = "".join(text[i] for i in range(len(text) - 1, -1, -1))
print(forward == text, backward == text[::-1])
print([text[i] for i in (5, 390, 7, 33, 32, 31, 64, 100, 99, 399, 0, 150, 151, 140)])
print(text[37:45], text[-3:], text[100:90:-2], len(text[::3]))
short = "é€😀ab"
print([short[i] for i in range(len(short))], short[-1], short[1:3])
pos = 0
out = []
while pos < len(text):
    out.append(text[pos])
    pos += 7
print("".join(out))
