# gamma, lgamma, erf, erfc, hypot, fsum and the libm functions over many arguments:
# results must agree with CPython bit for bit.
import math

xs = []
for i in range(-60, 400):
    xs.append(i / 7.3)
xs += [1e-25, -1e-25, 0.5, 1.5, 2.5, 170.5, 171.7, 180.0, 200.5, -200.5, 141.3, -141.3, 139.9]

def show(name, f, x):
    print(name, repr(x), repr(f(x)))

for x in xs:
    if x > 0 or x != math.floor(x):
        if x < 171.6:
            show("gamma", math.gamma, x)
        show("lgamma", math.lgamma, x)
    show("erf", math.erf, x / 10)
    show("erfc", math.erfc, x / 10)

for x in [0.1, 0.5, 1.0, 2.0, 10.0, 100.0, 1e-5]:
    for name in ["sqrt", "exp", "log", "log2", "log10", "log1p", "expm1", "sin", "cos", "tan",
                 "asinh", "atan", "sinh", "cosh", "tanh", "cbrt", "exp2"]:
        show(name, getattr(math, name), x)
        if name not in ("sqrt", "log", "log2", "log10", "log1p") and (x < 100 or name not in ("sinh", "cosh")):
            show(name, getattr(math, name), -x)

for i in range(1, 40):
    a = i * 1.37
    b = i * 0.011
    print("hypot", math.hypot(a, b), math.hypot(a, b, i), math.hypot(*[j / 3 for j in range(i)]))
    print("dist", math.dist([a, b, 1.0], [b, a, -1.0]))
print(math.hypot(1e-320, 1e-320), math.hypot(1e308, 1e308 / 3), math.hypot(float("inf"), float("nan")))

vals = [0.1 * k for k in range(100)] + [1e16, 1.0, -1e16, 1e-16, 3.3e200, -3.3e200]
print(math.fsum(vals), sum(vals))
print(math.fsum([1.0, 1e100, 1.0, -1e100] * 1000))
print(math.fsum([2.0 ** 53, 1.0, 2.0 ** -53]))
print(math.fsum([]), math.fsum([-0.0]), math.fsum([float("inf"), 1.0]), math.fsum([float("nan"), 1.0]))
print(math.gamma(-0.5), math.lgamma(1e-30), math.gamma(1e-30))
math.gamma(-3.0)
