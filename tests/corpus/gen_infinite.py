# Infinite generators consumed with manual islice-like loops.
def naturals(start=0):
    n = start
    while True:
        yield n
        n += 1


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def islice(iterable, stop):
    it = iter(iterable)
    count = 0
    while count < stop:
        yield next(it)
        count += 1


def cycle(items):
    saved = list(items)
    while saved:
        for item in saved:
            yield item


print(list(islice(naturals(10), 5)))
print(list(islice(fibonacci(), 15)))
print(list(islice(cycle("ab"), 5)))
fib = fibonacci()
for value in fib:
    if value > 1000:
        print("first fib above 1000:", value)
        break
print("next after that:", next(fib))
big = fibonacci()
for _ in range(100):
    last = next(big)
print(last)
print(list(cycle([])))
evens = (n for n in naturals() if n % 2 == 0)
print([next(evens) for _ in range(5)])
