# `enumerate` over a list, tuple or range iterator is stepped inline; counts past i64, a
# shared inner iterator, a list growing during the loop and other iterables take the same
# results as CPython.
xs = [5, 6, 7]
print(list(enumerate(xs)), list(enumerate((1, 2), 10)), list(enumerate(range(3), -2)))
e = enumerate(xs)
print(next(e)); xs.append(8); print(list(e))
e = enumerate(range(2), 2**63 - 2)
print(list(e))
e = enumerate(iter([1, 2]))
print(next(e), next(e), next(e, "done"), next(e, "done"))
e = enumerate("ab")
print(list(e), list(enumerate({1: 2})), list(enumerate(x for x in "xy")))
it = iter([1, 2, 3]); e = enumerate(it); print(next(e), next(it), next(e))
