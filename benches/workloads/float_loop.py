# Float arithmetic in a tight loop: a numerical integration of x*x on [0, 1].
def integrate(steps):
    h = 1.0 / steps
    total = 0.0
    x = 0.0
    i = 0
    while i < steps:
        total += x * x * h
        x += h
        i += 1
    return total

print(round(integrate(3_000_000), 6))
