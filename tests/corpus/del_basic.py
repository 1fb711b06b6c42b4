x = 1
y = 2
del x
print(y)
lst = [0, 1, 2, 3, 4, 5, 6]
del lst[0]
print(lst)
del lst[-1]
print(lst)
del lst[1:3]
print(lst)
del lst[::2]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
a, b = 1, 2
del a, b
def f():
    z = 3
    del z
    return "deleted local"
print(f())
nested = {"k": [1, 2, 3]}
del nested["k"][1]
print(nested)
x = "rebound"
print(x)
