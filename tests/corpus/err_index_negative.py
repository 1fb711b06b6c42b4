lst = [1]
print(lst[-2])
