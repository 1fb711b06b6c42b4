def f(a, /, b):
    return a
print(f(1, b=2))
f(a=1, b=2)
