# Resource cleanup patterns with try/finally (a simulated resource pool).
class_log = []
pool = {"free": 3, "in_use": 0}

def acquire(name):
    if pool["free"] == 0:
        raise RuntimeError("pool exhausted while acquiring %s" % name)
    pool["free"] -= 1
    pool["in_use"] += 1
    class_log.append("acquire " + name)
    return name

def release(name):
    pool["free"] += 1
    pool["in_use"] -= 1
    class_log.append("release " + name)

def process(items):
    handles = []
    try:
        for item in items:
            handles.append(acquire(item))
            if item == "bad":
                raise ValueError("cannot process %s" % item)
        return "processed %d" % len(handles)
    finally:
        while handles:
            release(handles.pop())

print(process(["a", "b"]))
try:
    process(["a", "bad", "c"])
except ValueError as e:
    print("error:", e)
try:
    process(["a", "b", "c", "d"])
except RuntimeError as e:
    print("error:", e)
print(pool)
for line in class_log:
    print(line)
