x = 42
print(x[0])
