# functools: reduce, partial, wraps/update_wrapper, cmp_to_key, total_ordering.
import functools
import operator

print(functools.reduce(operator.add, [1, 2, 3, 4]), functools.reduce(operator.mul, range(1, 6), 10), functools.reduce(max, [3], 0))
print(functools.reduce(lambda acc, s: acc + s.upper(), ["a", "b"], ""))
p = functools.partial(int, base=2)
print(p("1010"), p("11", base=8), p.func is int, p.args, p.keywords)
q = functools.partial(functools.partial(max, 1), 5, key=abs)
print(q(-9), q, q.args)
print(functools.partial(print, "x", sep="|"))

def greet(greeting, name, punct="!"):
    return f"{greeting}, {name}{punct}"
hello = functools.partial(greet, "Hello")
print(hello("Ann"), hello("Bob", punct="?"), hello(name="Cy"))

def logged(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return ("logged", func(*args, **kwargs))
    return wrapper

@logged
def add(a, b):
    return a + b
print(add(2, 3), add.__name__, add.__qualname__, add.__wrapped__(1, 1), add.__module__)

def plain():
    pass
def other():
    pass
other.extra = 42
functools.update_wrapper(plain, other)
print(plain.__name__, plain.extra, plain.__wrapped__ is other)

print(sorted(["banana", "Apple", "cherry"], key=functools.cmp_to_key(lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))))
print(sorted([5, 2, 9, 1], key=functools.cmp_to_key(lambda a, b: b - a)))
K = functools.cmp_to_key(lambda a, b: a - b)
print(K(1) < K(2), K(3) <= K(2), K(2) == K(2), K(1) != K(1))

@functools.total_ordering
class Version:
    def __init__(self, *parts):
        self.parts = parts
    def __eq__(self, other):
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
a, b = Version(1, 2), Version(1, 10)
print(a < b, a <= b, a > b, a >= b, b >= a, a >= Version(1, 2), max(a, b), sorted([b, a]))

@functools.total_ordering
class Desc:
    def __init__(self, n):
        self.n = n
    def __gt__(self, other):
        return self.n > other.n
    def __eq__(self, other):
        return self.n == other.n
print(Desc(1) < Desc(2), Desc(2) <= Desc(2), Desc(3) >= Desc(4))
try:
    functools.total_ordering(type("Empty", (), {}))
except ValueError as e:
    print(e)
functools.reduce(operator.add, [])
