# Generator frames count against the recursion limit.
import sys


def nested(depth):
    if depth == 0:
        yield "bottom"
    else:
        yield from nested(depth - 1)


print(list(nested(50)))
print(sys.getrecursionlimit() > 100)


def endless(depth):
    yield depth
    yield from endless(depth + 1)


print(len(list(nested(400))))
for value in endless(0):
    pass
