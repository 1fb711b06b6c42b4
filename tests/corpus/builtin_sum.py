print(sum([1, 2, 3]), sum([]), sum((1.5, 2.5)), sum(range(101)))
print(sum([1, 2], 10), sum([[1], [2, 3]], []), sum([(1,), (2,)], ()))
print(sum([0.1] * 10), sum([True, True, 2]), sum([2 ** 64, 2 ** 64]))
print(sum([1, 2.0]), type(sum([1, 2.0])).__name__, sum([], 5), sum([2], start=1))
