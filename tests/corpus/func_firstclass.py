def apply(fn, *args):
    return fn(*args)
def square(x):
    return x * x
ops = {"sq": square, "neg": lambda x: -x, "abs": abs}
for name in ["sq", "neg", "abs"]:
    print(name, ops[name](-4), apply(ops[name], 3))
print(list(map(square, [1, 2, 3])))
alias = square
print(alias is square, alias(9), alias.__name__)
def make_multiplier(n):
    def mul(x):
        return x * n
    return mul
times3 = make_multiplier(3)
print(times3(7), make_multiplier(10)("ab"))
def returns_fn():
    return returns_fn
print(returns_fn()()() is returns_fn)
