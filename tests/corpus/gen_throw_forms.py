# The forms throw() accepts, and the ones it rejects.
def reporter():
    while True:
        try:
            yield
        except Exception as e:
            print(type(e).__name__, e.args)


r = reporter()
next(r)
r.throw(ValueError)
r.throw(ValueError, "msg")
r.throw(ValueError, ("a", 1))
r.throw(ValueError("instance"))
r.throw(KeyError, KeyError("same type instance"))
r.throw(LookupError, KeyError("subclass instance"))
r.throw(ValueError, None)
r.throw(TypeError, ValueError("not an instance of the type"))

for bad in [1, "text", None, object]:
    try:
        r.throw(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    r.throw(ValueError("x"), "extra")
except TypeError as e:
    print("TypeError:", e)
try:
    r.throw()
except TypeError as e:
    print("TypeError:", e)
try:
    r.throw(ValueError, 1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    r.send()
except TypeError as e:
    print("TypeError:", e)
try:
    r.close(1)
except TypeError as e:
    print("TypeError:", e)
r.close()
try:
    r.throw(ValueError("after close"))
except ValueError as e:
    print("finished generator re-raises:", e)
g = reporter()
g.throw(IndexError("into a fresh generator"))
