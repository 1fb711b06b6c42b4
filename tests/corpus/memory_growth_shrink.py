stack = []
for i in range(200000):
    stack.append(i)
print(len(stack))
while stack:
    stack.pop()
print(len(stack))
d = {}
for round_ in range(5):
    for i in range(20000):
        d[i] = round_
    for i in range(20000):
        del d[i]
print(len(d), d)
text = ""
for i in range(20000):
    text += "ab"
print(len(text))
keep = [[0] * 1000 for _ in range(200)]
print(len(keep) * len(keep[0]))
