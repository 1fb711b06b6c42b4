def f(a):
    return a
print(f(a=1))
f(x=1)
