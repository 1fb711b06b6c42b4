# Generator functions: yield, next(), for loops, StopIteration with the return value.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "finished"


for x in count_up(4):
    print("for:", x)

g = count_up(2)
print(next(g), next(g))
print(next(g, "default"))
print(next(g, "again"))
print(list(count_up(6)))
print(list(count_up(0)))


def no_yield_reached(flag):
    if flag:
        yield "yes"
    print("body ran, flag =", flag)


print(list(no_yield_reached(False)))
print(list(no_yield_reached(True)))


def many_values():
    yield 1
    yield "two"
    yield [3]
    yield None
    yield (5, 6)


print([v for v in many_values()])
g = count_up(3)
print(type(g).__name__, g.__name__, g.__qualname__)
print(iter(g) is g)
print(g.__next__(), g.__next__())
print(next(g))  # raises StopIteration with value 'finished'
