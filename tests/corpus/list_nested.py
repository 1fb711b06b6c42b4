grid = [[r * 3 + c for c in range(3)] for r in range(3)]
print(grid)
print(grid[1], grid[1][2], grid[-1][-1])
grid[0][1] = "x"
print(grid)
flat = []
for row in grid:
    for v in row:
        flat.append(v)
print(flat)
t = [list(row) for row in zip(*[[1, 2, 3], [4, 5, 6]])]
print(t)
deep = [1, [2, [3, [4, [5]]]]]
print(deep[1][1][1][1][0], len(deep))
a = [1]
a.append(a)
print(a)
