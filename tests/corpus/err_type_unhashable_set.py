s = {1, 2}
s.add(frozenset([3]))
print(len(s))
s.add({4})
