a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = [1, 2, 3, 4]
print(a, b)
a, *b, c = range(5)
print(a, b, c)
a, *b, c = [1, 2]
print(a, b, c)
first, *_ = "hello"
print(first, _)
(a, b), c = (1, 2), 3
print(a, b, c)
a, (b, (c, d)) = 1, (2, (3, 4))
print(a, b, c, d)
[x, y] = [10, 20]
print(x, y)
x, y = y, x
print(x, y)
p, q, r = "xyz"
print(p, q, r)
for i, (k, *rest) in enumerate([("a", 1, 2), ("b",)]):
    print(i, k, rest)
m, n = {"k1": 1, "k2": 2}
print(m, n)
print([*range(3), *"ab"], (*[1], 2), {*[1, 1], 2}, {**{"a": 1}, "b": 2})
a = b = c = 7
print(a, b, c)
lst = [0, 0]
lst[0], lst[1] = 5, 6
print(lst)
