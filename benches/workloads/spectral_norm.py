# Models the spectral-norm benchmark: the largest singular value of the infinite matrix
# A[i][j] = 1 / ((i + j) * (i + j + 1) / 2 + i + 1), estimated by the power method on an
# N x N corner. Stresses: small function calls in nested loops, float division and
# accumulation, list indexing, and building result lists.

SIZE = 320
ITERATIONS = 10


def matrix_entry(i, j):
    total = i + j
    return 1.0 / (total * (total + 1) // 2 + i + 1)


def times(vector):
    """A @ vector."""
    size = len(vector)
    result = []
    for i in range(size):
        acc = 0.0
        for j in range(size):
            acc += matrix_entry(i, j) * vector[j]
        result.append(acc)
    return result


def times_transposed(vector):
    """A^T @ vector."""
    size = len(vector)
    result = []
    for i in range(size):
        acc = 0.0
        for j in range(size):
            acc += matrix_entry(j, i) * vector[j]
        result.append(acc)
    return result


def times_ata(vector):
    return times_transposed(times(vector))


def spectral_norm(size):
    u = [1.0] * size
    v = u
    for _ in range(ITERATIONS):
        v = times_ata(u)
        u = times_ata(v)
    vbv = 0.0
    vv = 0.0
    for ue, ve in zip(u, v):
        vbv += ue * ve
        vv += ve * ve
    return (vbv / vv) ** 0.5


def main():
    print("spectral norm of a %dx%d corner: %.9f" % (SIZE, SIZE, spectral_norm(SIZE)))


main()
