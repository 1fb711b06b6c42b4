# An exception in the middle of an expression leaves no junk on the stack.
def boom(x):
    if x == 3:
        raise ValueError("three")
    return x

results = []
for i in range(5):
    try:
        results.append([i, boom(i), {"k": boom(i)}, (boom(i),)])
    except ValueError as e:
        results.append(str(e))
print(results)

def nested_calls():
    total = 0
    for i in range(4):
        try:
            total += max(1, min(5, boom(i) * 2, len([boom(i), boom(3)])))
        except ValueError:
            total += 100
    return total
print(nested_calls())

# Inside a for loop inside a try: the iterator is dropped by the handler.
def search(rows):
    try:
        for row in rows:
            for cell in row:
                if cell < 0:
                    raise LookupError(cell)
    except LookupError as e:
        return "negative %s" % e
    return "none"
print(search([[1, 2], [3, -4, 5]]))
print(search([[1]]))

s = "".join(["a", "b"])
try:
    s = s + str(1 / 0)
except ZeroDivisionError:
    pass
print(s)
