print(list(range(0, 5, 2)))
range(1, 5, 0)
