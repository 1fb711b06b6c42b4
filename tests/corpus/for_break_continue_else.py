for i in range(5):
    if i == 1:
        continue
    print("i =", i)
    if i == 3:
        break
else:
    print("not reached")
for x in []:
    print("never")
else:
    print("else of empty for")
for x in [2, 4, 6]:
    if x % 2:
        break
else:
    print("all even")
def find(items, target):
    for idx, v in enumerate(items):
        if v == target:
            print("found", target, "at", idx)
            break
    else:
        print(target, "not found")
find([5, 6, 7], 6)
find([5, 6, 7], 9)
for ch in "hello":
    if ch == "l":
        continue
    print(ch, end="")
print()
x = "unchanged"
for x in range(3):
    pass
print(x)
