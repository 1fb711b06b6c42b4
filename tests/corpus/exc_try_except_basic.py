# try/except with a type, a tuple of types, a bare except, and `as` names.
def divide(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return "div0"

print(divide(6, 3), divide(1, 0))

for value in ["12", "x", None, [1]]:
    try:
        n = int(value)
        print("int", n)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

try:
    {}["missing"]
except LookupError as e:
    print("lookup:", type(e).__name__, e)

try:
    undefined_name
except:
    print("bare except caught it")

# The first matching clause wins, even when a later one would match too.
try:
    [][0]
except IndexError:
    print("IndexError clause")
except LookupError:
    print("LookupError clause")

# Subclass order: a base class first catches subclasses.
try:
    1 // 0
except ArithmeticError as e:
    print("ArithmeticError caught", type(e).__name__)
