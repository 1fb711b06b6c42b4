a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.union([7, 8], (9,)), a.intersection(range(3)))
print({1, 2} <= a, {1, 2} < a, a <= a, a < a, a >= {1}, a > {1, 9})
print(a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint({7, 8}), a.isdisjoint(b))
print(a == {4, 3, 2, 1}, a != b)
c = set(a)
c |= {10}
c &= {1, 2, 10, 11}
print(c)
c -= {1}
c ^= {2, 3}
print(c)
d = {1, 2, 3}
d.intersection_update([2, 3, 4])
d.difference_update([3])
d.symmetric_difference_update([2, 7])
print(d)
