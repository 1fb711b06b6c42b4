# List, set and dict comprehensions (nested functions taking the iterator as `.0`).
squares = [x * x for x in range(10)]
evens = {x for x in squares if x % 2 == 0}
pairs = {k: v for k, v in zip("abc", range(3))}
matrix = [[i * j for j in range(3)] for i in range(3)]
flat = [y for row in matrix for y in row if y]

def scale(items, factor):
    return [item * factor for item in items]

def last_positive(items):
    found = [last := x for x in items if x > 0]
    return last, found
