a = 2 ** 100
b = 2 ** 100 + 1
print(a < b, a == b, a != b, a > b, a <= a, b >= a)
print(a == 2 ** 100, a is not None)
print(hash(a), hash(-a), hash(b))
print(hash(2 ** 64), hash(-(2 ** 64)))
print(hash(10 ** 30) == hash(float(10 ** 30)))
d = {a: "big", 1: "one"}
print(d[2 ** 100], d[1])
print(sorted([b, 5, -a, a, 0]))
print(max(a, b), min(-a, -b))
