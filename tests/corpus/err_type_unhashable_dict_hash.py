print(hash((1, 2)))
print(hash({}))
