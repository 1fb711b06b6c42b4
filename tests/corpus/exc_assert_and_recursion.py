# AssertionError and RecursionError are ordinary exceptions.
def check(x):
    assert x > 0, "x must be positive, got %d" % x
    return x

for v in [1, -1]:
    try:
        print(check(v))
    except AssertionError as e:
        print("AssertionError:", e)

try:
    assert False
except AssertionError as e:
    print(repr(e), e.args)

def forever(n):
    return forever(n + 1)

try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)

# The interpreter keeps working after a deep unwind.
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(500))

def recursive_handler(n):
    try:
        if n == 0:
            raise ValueError("bottom")
        return recursive_handler(n - 1)
    except ValueError as e:
        if n < 3:
            raise
        return "handled at %d: %s" % (n, e)
print(recursive_handler(10))
