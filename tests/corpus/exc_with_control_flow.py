# return, break and continue leave a with block through __exit__(None, None, None).
class Tracker:
    def __init__(self, label):
        self.label = label
    def __enter__(self):
        print("  enter", self.label)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("  exit", self.label, exc_type, exc, tb)

def early_return():
    with Tracker("ret"):
        return "returned"
    return "not here"
print(early_return())

for i in range(4):
    with Tracker(i):
        if i == 1:
            continue
        if i == 2:
            break
        print("  body", i)
print("loop done")

def return_from_nested():
    with Tracker("outer"):
        try:
            with Tracker("inner"):
                return "value"
        finally:
            print("  finally between")
print(return_from_nested())

def return_value_computed_inside():
    items = []
    with Tracker("calc"):
        items.append(1)
        return len(items)
print(return_value_computed_inside())
