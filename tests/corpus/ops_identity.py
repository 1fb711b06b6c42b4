a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a is not c, a == c)
print(None is None, True is True, a is not None)
x = None
print(x is None, x is not None)
t = ()
print(type(t) is tuple, type(1) is int, type(True) is int, type(True) is bool)
d = {}
e = d
e["k"] = 1
print(d is e, d)
s = "abc"
print(s is s, id(a) == id(b), id(a) == id(c))
print(list is list, len is len)
