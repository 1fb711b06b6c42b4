# Generators and scopes: closures, nonlocal, cells, generator expression scoping.
def make_counter_gen(step):
    def gen(n):
        for i in range(n):
            yield i * step
    return gen


by3 = make_counter_gen(3)
print(list(by3(4)))


def outer():
    state = []

    def producer():
        nonlocal state
        for c in "abc":
            state.append(c)
            yield len(state)

    return producer, lambda: state


producer, get_state = outer()
p = producer()
print(next(p), get_state())
print(list(p), get_state())


def gen_with_closure():
    base = 10
    adders = []
    for i in range(3):
        yield (lambda x, i=i: x + base + i)
        base += 100


print([f(1) for f in gen_with_closure()])

# The first iterable of a generator expression is evaluated at once, in the enclosing scope.
x = [1, 2, 3]
g = (x * 2 for x in x)
x = "changed"
print(list(g))

# Later iterables and conditions are evaluated lazily, when the generator runs.
limit = 2
h = (a * b for a in range(3) for b in range(limit))
limit = 3
print(list(h))

# The loop variable does not leak.
y = "outer y"
print(list(y for y in range(3)), y)


def class_scope_like():
    factor = 5
    return list(n * factor for n in range(3))


print(class_scope_like())
print(list((lambda: (yield 7))()))
f = lambda n: (yield from range(n))
print(list(f(3)))
print(next(iter([1])), (i for i in []).__qualname__)


def uses_cell_in_genexpr():
    k = 4
    return list(i + k for i in range(3))


print(uses_cell_in_genexpr())
gen = (z for z in range(3))
print(gen.__name__, list(undefined_name for _ in range(1)))
