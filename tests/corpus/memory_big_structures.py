n = 100000
squares = {i: i * i for i in range(n)}
print(len(squares), squares[99999], squares[12345])
s = set(range(0, n, 2))
print(len(s), 50000 in s, 50001 in s)
nested = [[i] for i in range(n)]
print(len(nested), nested[-1])
for k in range(0, n, 2):
    del squares[k]
print(len(squares), list(squares)[:3])
t = tuple(range(n))
print(len(t), t[n // 2])
strs = [str(i) for i in range(n)]
print(len("".join(strs)))
lists = []
for i in range(1000):
    lists.append([i] * 100)
print(sum([len(x) for x in lists]), lists[999][99])
