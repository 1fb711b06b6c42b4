a = [1, 2, 3]
b = a
b.append(4)
print(a, a is b)
c = a[:]
c.append(5)
print(a, c, a is c, a == c[:4])
a += [10]
print(b, a is b)
a = a + [20]
print(b, a, a is b)
m = [[0] * 3] * 3
m[0][0] = 1
print(m)
m2 = [[0] * 3 for _ in range(3)]
m2[0][0] = 1
print(m2)
x = [1, 2]
x *= 3
print(x)
x[1] = "changed"
print(x)
