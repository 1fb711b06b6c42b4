def collatz_len(n):
    steps = 1
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
print([collatz_len(n) for n in range(1, 16)])
best, best_n = 0, 0
for n in range(1, 30000):
    c = collatz_len(n)
    if c > best:
        best, best_n = c, n
print(best_n, best)
n = 27
seq = [n]
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    seq.append(n)
print(len(seq), max(seq), seq[:10])
