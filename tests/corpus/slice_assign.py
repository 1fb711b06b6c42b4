a = list(range(10))
a[2:5] = ["x", "y"]
print(a)
a[1:1] = [100, 200]
print(a)
a[:] = [1, 2, 3]
print(a)
a[len(a):] = [4, 5]
print(a)
a[::2] = [0, 0, 0]
print(a)
b = list(range(8))
b[-2:] = []
print(b)
b[1:3] = "ab"
print(b)
c = list(range(10))
del c[::3]
print(c)
del c[1:3]
print(c)
del c[:]
print(c)
d = [1, 2, 3, 4, 5]
d[3:1:-1] = ["P", "Q"]
print(d)
alias = d
d[:] = range(3)
print(alias, alias is d)
