def add(a, b):
    return a + b
def no_return():
    x = 1
def early(n):
    if n > 0:
        return "pos"
    return
def multi():
    return 1, "two", [3]
print(add(2, 3), add("a", "b"), add([1], [2]))
print(no_return(), early(1), early(-1))
a, b, c = multi()
print(a, b, c, multi())
def outer():
    def inner(x):
        return x * 2
    return inner(21)
print(outer())
def compose(f, g):
    return lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
fns = [add, len, print]
print(fns[0](1, 1), fns[1]("abc"))
print(callable(add), callable(3), type(add).__name__)
def doc():
    "docstring is just an expression statement"
    return "after docstring"
print(doc())
