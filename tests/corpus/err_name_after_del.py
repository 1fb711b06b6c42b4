x = 5
print(x)
del x
print(x)
