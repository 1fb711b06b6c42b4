for x in (1, "two", 3.0):
    print(repr(x))
for k in {"b": 1, "a": 2}:
    print(k)
for v in {3, 1, 2}:
    print(v)
for c in "hi":
    print(c)
for i in range(10, 0, -4):
    print(i)
for k, v in {"x": 1, "y": 2}.items():
    print(k, v)
for i, (a, b) in enumerate([(1, 2), (3, 4)], start=1):
    print(i, a + b)
for a, b in zip([1, 2, 3], "abc"):
    print(a, b)
for x in reversed([1, 2, 3]):
    print(x, end=" ")
print()
it = iter([10, 20, 30])
for x in it:
    print(x)
    if x == 10:
        print("skip", next(it))
