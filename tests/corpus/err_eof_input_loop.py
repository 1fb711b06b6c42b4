lines = []
print("reading lines")
while True:
    lines.append(input())
