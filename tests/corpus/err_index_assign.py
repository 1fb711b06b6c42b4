lst = [0, 0]
lst[1] = 5
lst[2] = 6
