# Slice assignment to a list: a temporary list on the right gives up its items (nothing else
# sees it), any other list or iterable is copied first; same-length slices trade values in
# place, others splice. Each case checks that aliases see what CPython shows.
a = list(range(10))
a[2:5] = [7, 8, 9]
print(a)
a[:] = a
print(a)
a[3:3] = []
a[0:2] = a[8:10]
print(a)
b = a[::-1]
a[1:4] = b[0:3]
print(a, b)
t = [1, 2]
a[0:2] = t
t.append(3)
print(a, t)
a[5:100] = [0] * 5
print(a)
a[-3:] = (1, 2, 3)
print(a)
a[2:4] = iter('xy')
print(a)
a[:4] = [[1], [2], [3], [4]]
print(a)
x = a[:4]
a[:4] = x
x[0].append(5)
print(a, x)
