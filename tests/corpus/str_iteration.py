word = "mississippi"
counts = {}
for ch in word:
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(list("abc"), tuple("xy"), sorted("banana"))
print([c.upper() for c in "hey"])
i = 0
for c in "xyz":
    print(i, c)
    i += 1
print("".join(reversed("stressed")))
print(list(enumerate("ab")))
