# A generator dropped while suspended inside try/finally is closed: its finally runs.
def guarded(name):
    try:
        yield 1
        yield 2
    finally:
        print("cleanup", name)


x = guarded("del")
next(x)
del x
print("after del")

for value in guarded("break"):
    break
print("after break")


def holder():
    local = guarded("local")
    next(local)
    return "returned"


print(holder())
z = guarded("rebind")
next(z)
z = None
print("after rebind")
unstarted = guarded("never started")
del unstarted
print("an unstarted generator has nothing to clean up")
done = guarded("finished")
print(list(done))
del done


def outside_try():
    yield 1
    try:
        yield 2
    finally:
        print("not reached: suspended outside the try")


o = outside_try()
next(o)
del o
print("no cleanup for a generator suspended outside try")
pipeline = (v * 2 for v in guarded("pipeline"))
print(next(pipeline))
pipeline = None
print("end")
