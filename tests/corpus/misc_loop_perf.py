total = 0
i = 0
while i < 300000:
    total += i * i % 7
    i += 1
print(total)
acc = 0
for j in range(300000):
    if j & 1:
        acc += j
    else:
        acc -= 1
print(acc)
x = 0.0
for k in range(200000):
    x += 0.5
print(x)
s = 0
for a in range(500):
    for b in range(500):
        s ^= a * b
print(s)
