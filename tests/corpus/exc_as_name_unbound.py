# The `as` name is deleted at the end of the handler.
try:
    1 / 0
except ZeroDivisionError as err:
    print("inside:", err)
try:
    print(err)
except NameError as problem:
    print(problem)

def f():
    e = "before"
    try:
        raise ValueError
    except ValueError as e:
        pass
    try:
        return e
    except UnboundLocalError as problem:
        return "unbound: " + str(problem)
print(f())

# Deleting it inside the handler is fine.
try:
    raise KeyError
except KeyError as k:
    del k
print("ok after del")

try:
    raise ValueError("x")
except ValueError as handled_value_error:
    pass
print(handled_value_error)
