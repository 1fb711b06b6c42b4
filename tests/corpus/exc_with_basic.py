# The with statement with user context managers.
class Managed:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, repr(exc), tb is not None)
        return self.suppress

with Managed("a") as value:
    print("body sees", value)

try:
    with Managed("b"):
        raise ValueError("inside b")
except ValueError as e:
    print("propagated:", e)

with Managed("c", suppress=True):
    raise KeyError("swallowed")
print("after suppressed")

with Managed("d"):
    pass

# The target can be any assignment target.
holder = {}
with Managed("e") as holder["key"]:
    pass
print(holder)
with Managed("f") as (first, *rest):
    print(first, rest)

# __exit__ truthiness decides suppression.
class Truthy:
    def __enter__(self):
        return self
    def __exit__(self, *args):
        return "yes"
with Truthy():
    1 / 0
print("suppressed by a truthy non-bool")
