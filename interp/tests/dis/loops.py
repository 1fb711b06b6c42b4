# while/for loops with break, continue and else.
total = 0
for i in range(10):
    if i % 2:
        continue
    if i > 6:
        break
    total += i
else:
    total = -1

n = 5
while n > 0:
    n -= 1
    if n == 2:
        break
else:
    n = 100

while True:
    n += 1
    if n > 10:
        break

def first_even(items):
    for item in items:
        if item % 2 == 0:
            return item
    return None
