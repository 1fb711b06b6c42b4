d = {1: "one"}
del d[1]
print(d)
d[1]
