# Function decorators: plain, with arguments, stacked, on methods, classes as decorators.
calls = []


def trace(func):
    def wrapper(*args, **kwargs):
        calls.append(func.__name__)
        return func(*args, **kwargs)
    wrapper.__name__ = func.__name__
    return wrapper


def repeat(n):
    def deco(func):
        def wrapper(*args):
            return [func(*args) for _ in range(n)]
        return wrapper
    return deco


@trace
@repeat(2)
def greet(name):
    return "hi " + name


print(greet("ann"), calls, greet.__name__)


class Memo:
    def __init__(self, func):
        self.func = func
        self.cache = {}

    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.func(n)
        return self.cache[n]


@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(30), len(fib.cache), type(fib).__name__)


class Service:
    def __init__(self):
        self.count = 0

    @trace
    def work(self, x):
        self.count += x
        return self.count

    @property
    @trace
    def doubled(self):
        return self.count * 2


s = Service()
print(s.work(3), s.work(4), s.doubled, calls[-3:])


def register_methods(cls):
    cls.names = sorted(k for k, v in vars(cls).items() if callable(v) and not k.startswith("_"))
    return cls


@register_methods
class Api:
    def get(self):
        pass

    def put(self):
        pass

    value = 3


print(Api.names)
