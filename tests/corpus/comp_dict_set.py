print({x: x * x for x in range(6)})
print({k: v for k, v in zip("abc", [1, 2, 3]) if v != 2})
words = ["apple", "bob", "kayak", "tree", "noon"]
print({w: len(w) for w in words})
print({x % 5 for x in range(20)}, {len(w) for w in words})
print({(a, b) for a in range(2) for b in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
inv = {v: k for k, v in {"one": 1, "two": 2}.items()}
print(inv)
base = 3
print({i: [j * base for j in range(i)] for i in range(4)})
print({c: c.isdigit() for c in "a1b2"})
print(sorted({w[0] for w in words}))
