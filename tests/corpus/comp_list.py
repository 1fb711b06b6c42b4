print([x * x for x in range(8)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[y for y in range(x)] for x in range(4)])
print([c.upper() for c in "abc" if c != "b"])
factor = 10
print([v * factor for v in [1, 2, 3]])
def scaled(n):
    return [i * n for i in range(3)]
print(scaled(7))
x = "outer"
print([x for x in "ab"], x)
print([a + b for a, b in [(1, 2), (3, 4)]])
print([i if i % 2 else -i for i in range(6)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
