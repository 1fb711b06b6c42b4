# Calls with only positional arguments to functions whose defaults supply the rest
# (`Vm::bind_positional_with_defaults`), and every case that must go the general way:
# too few or too many arguments, keywords, keyword-only parameters, *args, **kwargs,
# cells over defaulted parameters, generators.


def two_defaults(a, b=2, c=[]):
    c.append(a)
    return a, b, len(c)


for i in range(3):
    print(two_defaults(i), two_defaults(i, 10), two_defaults(i, 10, []))
print(two_defaults.__defaults__[1])

try:
    two_defaults()
except TypeError as e:
    print("TypeError:", e)
try:
    two_defaults(1, 2, 3, 4)
except TypeError as e:
    print("TypeError:", e)


def all_default(x=1, y=(1, 2), z=None):
    return x, y, z


print(all_default(), all_default(5), all_default(5, 6), all_default(z=3))


def with_locals(a, b=4):
    total = a + b
    double = total * 2
    return total, double


print([with_locals(n) for n in range(4)])


def with_kwonly(a, b=1, *, c=2):
    return a + b + c


print(with_kwonly(1), with_kwonly(1, 2), with_kwonly(1, c=5))


def with_varargs(a, b=1, *rest):
    return a, b, rest


print(with_varargs(1), with_varargs(1, 2, 3))


def with_cell(a, b=5):
    def inner():
        return a * b
    return inner()


print(with_cell(2), with_cell(2, 3))


def gen(n, step=1):
    yield from range(0, n, step)


print(list(gen(5)), list(gen(5, 2)))


class Counter:
    def __init__(self, start=0, step=1):
        self.value = start
        self.step = step

    def bump(self, times=1):
        self.value += self.step * times
        return self.value


c = Counter()
print(c.bump(), c.bump(3), Counter(10).bump(), Counter(10, 5).bump(2))
print([f(1) for f in [lambda x, k=k: x + k for k in range(5)]])
