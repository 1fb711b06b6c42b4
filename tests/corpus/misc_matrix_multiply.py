def matmul(a, b):
    rows, inner, cols = len(a), len(b), len(b[0])
    out = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        for j in range(cols):
            s = 0
            for k in range(inner):
                s += a[i][k] * b[k][j]
            out[i][j] = s
    return out
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
print(matmul(a, b))
print(matmul(b, a))
m = [[1, 1], [1, 0]]
p = identity(2)
for _ in range(90):
    p = matmul(p, m)
print(p)
n = 40
big = [[(i * j) % 7 for j in range(n)] for i in range(n)]
sq = matmul(big, big)
print(sum([sum(row) for row in sq]), sq[5][7], sq[-1][-1])
print([[0.5 * x for x in row] for row in matmul(a, b)])
