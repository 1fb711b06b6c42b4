# COMPARE_OP on ints/floats branches directly when a conditional jump follows; every other
# shape must still see a real bool on the stack.

def count_below(limit):
    i = 0
    n = 0
    while i < limit:            # compare + POP_JUMP (loop condition)
        if i % 3 == 0:          # compare + POP_JUMP_IF_FALSE
            n += 1
        if not i != 4:          # the compiler may flip it to POP_JUMP_IF_TRUE
            n += 100
        i += 1
    return n

print(count_below(10), count_below(0), count_below(-5))

# Floats, NaN and mixed int/float (the mixed case takes the generic path).
nan = float("nan")
print([x < 1.5 for x in (1.0, 2.0, nan)], [1 < x for x in (0.5, 2, 1.0)])
hits = 0
for x in (0.5, 1.5, nan, 2, -3):
    if x > 1:
        hits += 1
    if x == x:
        hits += 10
print(hits)

# The bool is a value, not a branch.
a, b = 3, 4
flag = a < b
print(flag, type(flag).__name__, [a == b, a != b, a >= b], (a < b) + (a <= b))
print(a < b < 5, a < b < 4, 1 < 2 > 3)      # chained comparisons

# Conditions combined with and/or: the jump words are also jump targets.
def classify(v):
    if v < 0 or v > 100:
        return "out"
    if v >= 10 and v < 20:
        return "teens"
    return "in"
print([classify(v) for v in (-1, 5, 15, 150, 100, 10, 20)])

# Non-numeric comparisons go through the generic path and still branch correctly.
words = ["b", "a", "c"]
print([w for w in words if w < "b"], [w for w in words if not w > "a"])
class Weird:
    def __lt__(self, other):
        return "truthy string"
if Weird() < 1:
    print("rich comparison result used for truth")
while 5 < 3:
    print("never")
print("while with a false constant comparison done")

# Big ints leave the fast path.
big = 2 ** 70
print(big > 2 ** 69, big < 1, -big < 0)
