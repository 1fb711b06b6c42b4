# functools.lru_cache and cache: memoized recursion, eviction order, cache_info, typed keys.
import functools

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), fib.cache_info())
fib.cache_clear()
print(fib.cache_info(), fib(10), fib.cache_info())

calls = []
@functools.lru_cache(maxsize=2)
def square(x):
    calls.append(x)
    return x * x
for x in [1, 2, 1, 3, 2, 1, 1]:
    square(x)
print(calls, square.cache_info(), square.cache_parameters())
info = square.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize, info[0], tuple(info))

@functools.lru_cache
def plain(x, y=0):
    calls.append((x, y))
    return x + y
calls.clear()
print(plain(1), plain(1), plain(1, y=2), plain(1, y=2), plain(x=1), calls, plain.cache_info())

@functools.lru_cache(maxsize=8, typed=True)
def typed(x):
    calls.append(x)
    return x
calls.clear()
typed(1); typed(1.0); typed(1)
print(calls, typed.cache_info())

@functools.cache
def ways(n, coins=(1, 2, 5)):
    if n == 0:
        return 1
    if n < 0 or not coins:
        return 0
    return ways(n - coins[0], coins) + ways(n, coins[1:])
print(ways(100), ways.cache_info().currsize > 0, ways.__name__, ways.__wrapped__.__name__)

@functools.lru_cache(maxsize=0)
def nocache(x):
    return x
nocache(1); nocache(1)
print(nocache.cache_info())

class Grid:
    def __init__(self, n):
        self.n = n
    @functools.lru_cache(maxsize=None)
    def paths(self, r, c):
        if r == 0 or c == 0:
            return 1
        return self.paths(r - 1, c) + self.paths(r, c - 1)
print(Grid(3).paths(10, 10))
functools.lru_cache(1.5)
