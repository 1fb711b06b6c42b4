print(len("x"))
print(len(5))
