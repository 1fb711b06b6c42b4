# Exceptions raised inside comprehensions and lambdas propagate to the caller.
def safe_inverse(values):
    try:
        return [1 / v for v in values]
    except ZeroDivisionError as e:
        return "failed: %s" % e

print(safe_inverse([1, 2, 4]))
print(safe_inverse([1, 0]))

def parse(s):
    try:
        return int(s)
    except ValueError:
        return None

print([parse(s) for s in ["1", "a", "3"]])
print({s: parse(s) for s in ["7", "x"]})

try:
    {k: [][k] for k in range(3)}
except IndexError as e:
    print("dict comprehension:", e)

f = lambda x: x["key"]
try:
    f({})
except KeyError as e:
    print("lambda:", repr(e))

try:
    sorted([3, 1, 2], key=lambda x: 1 / (x - 2))
except ZeroDivisionError as e:
    print("key function:", e)

print([y for y in [1 / x for x in [1, 0]]])
