# PEP 479: a StopIteration escaping a generator body becomes RuntimeError.
def fine():
    yield 1
    return 2


print(list(fine()))


def uses_next_on_exhausted():
    it = iter([1, 2])
    while True:
        yield next(it)


g = uses_next_on_exhausted()
print(next(g), next(g))
print(next(g))
