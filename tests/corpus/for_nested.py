for i in range(1, 4):
    row = []
    for j in range(1, 4):
        row.append(i * j)
    print(row)
found = None
for i in range(10):
    for j in range(10):
        if i * j == 42:
            found = (i, j)
            break
    if found:
        break
print(found)
pairs = []
for a in "ab":
    for b in "xy":
        for c in (1, 2):
            pairs.append(a + b + str(c))
print(pairs)
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        print(i, j, end="; ")
print()
lst = [1, 2, 3]
for x in lst:
    if x == 2:
        lst.append(4)
    print(x)
