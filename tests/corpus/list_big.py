n = 100000
a = list(range(n))
print(len(a), a[0], a[-1], sum(a))
b = [x * 2 for x in a]
print(b[12345], sum(b))
c = []
for i in range(n):
    c.append(i % 7)
print(c.count(3), c[-3:])
c.sort()
print(c[0], c[n // 2], c[-1])
d = a[::-1]
print(d[:3], d[-3:])
e = [0] * n
for i in range(0, n, 3):
    e[i] = 1
print(sum(e))
while len(c) > 99990:
    c.pop()
print(len(c))
