# randrange and randint on machine ints take a path without bigints; its draws must be the
# bigint path's (and CPython's) for every kind of range: one argument, steps of both signs,
# widths up to the whole i64 range, bigint bounds, bool arguments, and the errors of empty
# ranges and zero steps.
import random
r = random.Random(42)
out = []
for args in [(10,), (1, 7), (0, 100, 7), (100, 0, -3), (-50, 50), (5, 6), (0, 2**40), (-2**62, 2**62), (3, 2**63 - 1), (-2**63, 2**63 - 1, 2**62),
             (0, 10, 3), (10, 0, -1), (7, 8, 5), (-7, -1, 2), (0, 2**70), (2**70, 2**70 + 5), (1, 10, True), (True, 5)]:
    out.append([r.randrange(*args) for _ in range(5)])
for a, b in [(1, 6), (-3, 3), (0, 0), (2**40, 2**40 + 10), (-2**63, -2**63 + 3)]:
    out.append([r.randint(a, b) for _ in range(5)])
print(out)
for bad in [(0,), (-5,), (5, 5), (5, 1), (1, 5, -1), (1, 5, 0), (10, None, 2)]:
    try:
        print(r.randrange(*bad))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print([r.choice('abcdef') for _ in range(8)], r.random())
