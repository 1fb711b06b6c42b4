print([1, 2].index(2))
print([1, 2].index(3))
