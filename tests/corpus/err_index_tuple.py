t = ()
print(t[0])
