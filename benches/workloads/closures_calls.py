# Models a call-heavy benchmark built on closures and higher-order functions.
# Stresses: closure cell loads/stores (nonlocal), nested function creation,
# default/keyword/keyword-only arguments, *args/**kwargs packing and unpacking,
# lambdas, map/filter/functools.reduce, decorators (with functools.wraps) and
# bound-method calls.

import functools

ITERATIONS = 75000


def make_counter(start=0, step=1):
    count = start

    def bump(times=1):
        nonlocal count
        count += step * times
        return count

    return bump


def make_accumulator():
    total = 0
    calls = 0

    def add(*values, scale=1):
        nonlocal total, calls
        calls += 1
        for v in values:
            total += v * scale
        return total

    def stats():
        return total, calls

    return add, stats


def compose(*funcs):
    def composed(x):
        for f in reversed(funcs):
            x = f(x)
        return x
    return composed


def counted(func):
    calls = 0

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        return func(*args, **kwargs)

    wrapper.calls = lambda: calls
    return wrapper


def memoize(func):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = func(n)
        return cache[n]
    return wrapper


@counted
def weighted(a, b=2, *rest, c=3, **extra):
    return a * b + c + sum(rest) + sum(extra.values())


@memoize
def partitions(n):
    # Number of ways to write n as an ordered sum of 1s, 2s and 3s.
    if n < 0:
        return 0
    if n == 0:
        return 1
    return (partitions(n - 1) + partitions(n - 2) + partitions(n - 3)) % 1000003


def curry3(f):
    return lambda a: lambda b: lambda c: f(a, b, c)


class Scaler:
    def __init__(self, factor):
        self.factor = factor

    def apply(self, x, offset=0):
        return x * self.factor + offset

    def __call__(self, x):
        return self.apply(x, offset=1)


def adders(n):
    return [lambda x, k=k: x + k for k in range(n)]


def main():
    checksum = 0
    counter = make_counter(10, 3)
    add, stats = make_accumulator()
    pipeline = compose(lambda x: x + 1, lambda x: x * 3 % 1009, abs)
    curried = curry3(lambda a, b, c: a * 100 + b * 10 + c)
    scaler = Scaler(7)
    apply = scaler.apply
    funcs = adders(10)
    kwargs = {"c": 5, "bonus": 1}
    for i in range(ITERATIONS):
        checksum += counter() + counter(times=2)
        add(i, i + 1, scale=2)
        add(i % 7)
        checksum += pipeline(i - 500)
        checksum += curried(i % 10)(i % 9)(i % 8)
        checksum += scaler(i) + apply(i, offset=-i) + apply(x=i)
        checksum += weighted(i) + weighted(i, 3, 1, 2, c=4) + weighted(1, b=i, **kwargs)
        checksum += funcs[i % 10](i)
        args = (i, i % 5)
        checksum += weighted(*args, z=1)
        checksum %= 1000000007
    total, calls = stats()
    mapped = list(map(lambda x: x * x, filter(lambda x: x % 3 == 0, range(ITERATIONS))))
    reduced = functools.reduce(lambda acc, x: (acc * 31 + x) % 1000003, mapped, 7)
    print("checksum:", checksum, "total:", total, "calls:", calls)
    print("weighted calls:", weighted.calls(), "name:", weighted.__name__)
    print("partitions(400):", partitions(400), "reduced:", reduced)


main()
