# The errors of a call's `*` and `**` arguments name the callee as CPython does:
# `module.qualname()` for Python functions, methods and classes, `name()` for builtins.

def f(**kwargs):
    return sorted(kwargs)


class C:
    def m(self, **kwargs):
        return kwargs


tests = [
    lambda: [].append(**{"c": 1}, **{"c": 2}),
    lambda: len(**{"c": 1}, **{"c": 2}),
    lambda: int(**{"c": 1}, **{"c": 2}),
    lambda: C(**{"c": 1}, **{"c": 2}),
    lambda: f(**{"c": 1}, **5),
    lambda: f(*5),
    lambda: C().__init__(**{"c": 1}, **{"c": 2}),
    lambda: C().m(**{"c": 1}, **{"c": 2}),
    lambda: f(**{1: 2}),
    lambda: f(x=1, **{1: 2}),
    lambda: print(*None),
    lambda: f(**{"c": 1}, **{"c": 2}),
    lambda: sorted(**[]),
    lambda: (lambda: 0)(**3),
]
for test in tests:
    try:
        test()
    except TypeError as e:
        print(e)
print(f(**{"a": 1}, **{"b": 2}), C().m(x=1, **{"y": 2}))
