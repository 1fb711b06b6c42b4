# Nested functions: cells, free variables, nonlocal, global, defaults, decorators, lambdas.
counter = 0

def make_counter(start, step=1, *, limit=None):
    count = start
    def increment():
        nonlocal count
        count += step
        return count
    def reset():
        global counter
        counter += 1
        return limit
    return increment, reset

def outer(a):
    def middle():
        def inner():
            return a
        return inner
    return middle

@decorator
@other(1)
def decorated(x, /, y, *args, z=3, **kwargs):
    """Docstrings are not emitted."""
    return lambda q=x: q + y
