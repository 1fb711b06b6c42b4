data = [("fruit", "apple"), ("veg", "carrot"), ("fruit", "pear"), ("veg", "leek"), ("nut", "almond"), ("fruit", "fig")]
groups = {}
for kind, name in data:
    if kind not in groups:
        groups[kind] = []
    groups[kind].append(name)
print(groups)
counts = {}
for kind, _ in data:
    counts[kind] = counts.get(kind, 0) + 1
print(counts)
inverse = {v: k for k, v in counts.items()}
print(inverse)
matrix = {}
for i in range(3):
    for j in range(3):
        matrix[(i, j)] = i * j
print(matrix[(2, 2)], len(matrix), list(matrix)[:4])
