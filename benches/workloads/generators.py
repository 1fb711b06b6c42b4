# Models a generator-pipeline benchmark: data flows through chains of generators.
# Stresses: generator creation/resumption (next and send), `yield from` delegation,
# generator expressions, itertools (islice, chain, accumulate, takewhile, count),
# sliding windows with collections.deque, sum/max/min over generators, send(),
# throw() and close() (try/finally inside a generator).

import itertools
from collections import deque

SIZE = 40000
ROUNDS = 12


def numbers(seed, n):
    # A small inline LCG so the stream is deterministic.
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        yield x % 1000


def only_even(it):
    for v in it:
        if v % 2 == 0:
            yield v


def scaled(it, factor):
    for v in it:
        yield v * factor


def windows(it, width):
    window = deque(maxlen=width)
    for v in it:
        window.append(v)
        if len(window) == width:
            yield tuple(window)


def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def tree(depth, base):
    if depth == 0:
        return [base, base + 1]
    return [tree(depth - 1, base * 2), base, tree(depth - 1, base * 2 + 1)]


def running_pairs(it):
    it = iter(it)
    prev = next(it, None)
    for cur in it:
        yield prev, cur
        prev = cur


def delegate_chain(n):
    yield from range(n)
    yield from (i * i for i in range(n))
    yield from numbers(7, n)


def averager():
    # A coroutine-style generator driven with send(); throw() resets it.
    total = count = 0
    average = None
    while True:
        try:
            value = yield average
        except ValueError:
            total = count = 0
            average = None
            continue
        total += value
        count += 1
        average = total // count


def guarded(n, closed):
    try:
        for i in range(n):
            yield i
    finally:
        closed.append(n)


def main():
    total = 0
    for r in range(ROUNDS):
        pipeline = scaled(only_even(numbers(r + 1, SIZE)), 3)
        total += sum(pipeline)

        win_sum = sum(max(w) - min(w) for w in windows(numbers(r + 11, SIZE // 4), 5))
        total += win_sum

        flat = list(flatten(tree(10, r + 1)))
        total += len(flat) + sum(flat)

        rises = sum(1 for a, b in running_pairs(numbers(r + 21, SIZE // 2)) if b > a)
        total += rises

        acc = list(itertools.accumulate(itertools.islice(numbers(r + 31, SIZE), 0, None, 7)))
        total += acc[-1]

        small = list(itertools.takewhile(lambda v: v < 10 ** 6,
                                         (i * i for i in itertools.count(r))))
        total += len(small)

        chained = itertools.chain(delegate_chain(SIZE // 10), (x for x in range(100) if x % 3))
        total += sum(v % 97 for v in chained)

        coro = averager()
        next(coro)
        for i, v in enumerate(numbers(r + 51, SIZE // 8)):
            total += coro.send(v)
            if i % 500 == 499:
                coro.throw(ValueError)
        closed = []
        for n in range(200):
            g = guarded(n + 5, closed)
            total += next(g) + next(g)
            g.close()
        total += sum(closed)

        squares = {v: v * v for v in (x % 50 for x in numbers(r + 41, 2000))}
        total += sum(squares[k] for k in sorted(squares))
    print("generators total:", total)


main()
