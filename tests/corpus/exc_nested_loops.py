# Nested try statements inside loops and functions.
def parse_all(items):
    results = []
    errors = 0
    for item in items:
        try:
            try:
                results.append(int(item))
            except ValueError:
                results.append(float(item))
        except ValueError:
            errors += 1
            continue
        except TypeError as e:
            results.append("type error: %s" % e)
    return results, errors

print(parse_all(["1", "2.5", "x", None, "7"]))

def depth(n):
    if n == 0:
        raise IndexError("bottom")
    try:
        return depth(n - 1)
    except KeyError:
        return "wrong"

try:
    depth(20)
except IndexError as e:
    print("propagated through 20 frames:", e)

def catch_in_middle(n):
    if n == 0:
        raise ValueError(0)
    if n == 5:
        try:
            return catch_in_middle(n - 1)
        except ValueError as e:
            return "caught at 5: %r" % e
    return catch_in_middle(n - 1)
print(catch_in_middle(10))

total = 0
for i in range(100):
    try:
        if i % 7 == 0:
            raise ValueError
        total += i
    except ValueError:
        total -= 1
print(total)

# Deep stack at the point of the exception is cleaned up.
def stack_cleanup():
    vals = []
    for i in range(3):
        try:
            vals.append([1, 2, 3][i] + (i * (1 // (i - 1))))
        except ZeroDivisionError:
            vals.append("z")
    return vals
print(stack_cleanup())
