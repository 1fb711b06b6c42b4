print(max([1]))
max([])
