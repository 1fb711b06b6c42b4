# An uncaught exception in nested calls: finally blocks run, then the traceback.
def level3(data):
    return data["missing"]

def level2(data):
    try:
        return level3(data)
    finally:
        print("level2 cleanup")

def level1():
    try:
        return level2({"present": 1})
    except ValueError:
        print("not this one")

print("start")
level1()
print("never")
