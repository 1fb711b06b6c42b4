a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
x = [1, 2, 3, 4, 5]
x[0], x[-1] = x[-1], x[0]
print(x)
i = 0
i, x[i] = 2, 99
print(i, x)
fib = [0, 1]
p, q = 0, 1
for _ in range(10):
    p, q = q, p + q
    fib.append(q)
print(fib)
t = (1, (2, 3))
(u, (v, w)) = t
print(u + v + w)
