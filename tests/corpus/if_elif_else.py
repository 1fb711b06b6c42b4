def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

for v in [-5, 0, 3, 10, 99]:
    print(v, classify(v))
x = 7
if x:
    print("truthy")
if not []:
    print("empty list is falsy")
if "":
    print("never")
else:
    print("empty string is falsy")
if x > 5:
    if x > 6:
        print("nested >6")
    else:
        print("nested <=6")
y = "odd" if x % 2 else "even"
print(y, "a" if None else "b", [1, 2] if x else [])
if x == 7: print("one-line if")
if 0:
    pass
elif 0.0:
    pass
else:
    pass
print("done")
