# Models the classic "unpack_sequence" benchmark: sequence unpacking in tight loops.
# Stresses: UNPACK_SEQUENCE on tuples and lists, starred unpacking (UNPACK_EX),
# swaps via tuple assignment, nested unpacking targets, chained multiple
# assignment, unpacking in for-loop targets and function returns.

LOOPS = 250000


def unpack_tuples(loops):
    t = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
    acc = 0
    for _ in range(loops):
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        acc += a + j
    return acc


def unpack_lists(loops):
    lst = [10, 20, 30, 40, 50, 60]
    acc = 0
    for _ in range(loops):
        a, b, c, d, e, f = lst
        a, b, c, d, e, f = lst
        a, b, c, d, e, f = lst
        acc += b * 2 - f + c
    return acc


def starred(loops):
    data = (3, 1, 4, 1, 5, 9, 2, 6)
    acc = 0
    for k in range(loops):
        first, *middle, last = data
        head, second, *rest = data
        *init, tail = data
        acc += first + last + len(middle) + second + len(rest) + tail + len(init)
        if k % 5 == 0:
            a, *b = [k, k + 1, k + 2]
            acc += a + b[-1]
    return acc


def swaps(loops):
    x, y, z = 1, 2, 3
    acc = 0
    for k in range(loops):
        x, y = y, x
        y, z = z, y
        x, y, z = z, x, y
        x, y, z, w = w2 = (y, z, x, k & 7)
        acc += x * 100 + y * 10 + z + w + len(w2)
    return acc


def nested(loops):
    pairs = [((i, i + 1), [i * 2, (i * 3, i * 4)]) for i in range(8)]
    acc = 0
    for _ in range(loops // 8):
        for (a, b), [c, (d, e)] in pairs:
            acc += a + b - c + d - e
    return acc


def divmod_pairs(loops):
    acc = 0
    for k in range(1, loops):
        q, r = divmod(k * 7919, 101)
        lo, hi = (q, r) if q < r else (r, q)
        acc += hi - lo
    return acc


def min_max(values):
    lo = hi = values[0]
    for v in values:
        if v < lo:
            lo = v
        if v > hi:
            hi = v
    return lo, hi


def returns(loops):
    acc = 0
    values = [5, 3, 8, 1, 9, 2]
    for k in range(loops // 4):
        lo, hi = min_max(values)
        values[k % 6], values[(k + 1) % 6] = values[(k + 1) % 6], values[k % 6]
        acc += hi - lo
    return acc


def multiple_assignment(loops):
    acc = 0
    for k in range(loops):
        a = b = c = k
        p, q = r, s = k, k + 1
        acc += a + b + c + p + q + r + s
    return acc


def enumerate_zip(loops):
    left = list(range(50))
    right = [v * 3 for v in left]
    acc = 0
    for _ in range(loops // 50):
        for i, (l, r) in enumerate(zip(left, right)):
            acc += i + l - r
        for k, v in {1: 2, 3: 4, 5: 6}.items():
            acc += k * v
    return acc


def main():
    results = [
        unpack_tuples(LOOPS),
        unpack_lists(LOOPS),
        starred(LOOPS),
        swaps(LOOPS),
        nested(LOOPS),
        divmod_pairs(LOOPS),
        returns(LOOPS),
        multiple_assignment(LOOPS),
        enumerate_zip(LOOPS),
    ]
    print("results:", results)
    print("checksum:", sum((i + 1) * r for i, r in enumerate(results)) % 1000000007)


main()
