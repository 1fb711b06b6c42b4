for c in "ab":
    print(c)
for i in 42:
    print(i)
