# itertools: count, cycle, repeat, islice, accumulate, chain and their reprs.
import itertools as it
import operator

c = it.count()
print(next(c), next(c), c)
print(list(it.islice(it.count(10, -3), 5)), list(it.islice(it.count(0.5, 0.25), 4)), it.count(1, 1.0), it.count(2**70))
print(list(it.islice(it.cycle("abc"), 7)), list(it.cycle([])), list(it.islice(it.cycle(range(2)), 5)))
r = it.repeat("x", 3)
print(r, list(r), r, list(it.repeat(1, -2)), list(it.islice(it.repeat(None), 2)), it.repeat(5))
print(list(it.accumulate([1, 2, 3, 4, 5])), list(it.accumulate([3, 1, 4, 1, 5], max)), list(it.accumulate([1, 2, 3], operator.mul, initial=10)))
print(list(it.accumulate([])), list(it.accumulate([], initial=0)), list(it.accumulate("abc")))
print(list(it.chain()), list(it.chain([1, 2], (3,), "ab", range(2))), list(it.chain.from_iterable(["ab", [1], ()])))
print(list(it.islice("abcdefg", 2)), list(it.islice("abcdefg", 2, 4)), list(it.islice("abcdefg", 2, None)), list(it.islice("abcdefg", 0, None, 2)))
print(list(it.islice(range(10), 1, 100, 3)), list(it.islice([], 5)), list(it.islice("ab", None)))
src = iter(range(10))
print(list(it.islice(src, 3)), next(src))
print(list(zip(it.count(1), "abc")), list(map(operator.mul, it.repeat(2), [1, 2, 3])))
print(sum(it.islice(it.count(1, 2), 100)))
for bad in [lambda: it.islice([1], -1), lambda: it.islice([1], 0, 1, 0), lambda: it.count("a"), lambda: it.islice([1], 1, -2)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
it.repeat()
