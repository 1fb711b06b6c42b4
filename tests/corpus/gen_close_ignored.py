# A generator that yields after GeneratorExit makes close() raise RuntimeError.
def stubborn():
    refusals = 0
    while True:
        try:
            yield "working"
        except GeneratorExit:
            refusals += 1
            print("refusing to stop", refusals)
            if refusals == 2:
                raise


s = stubborn()
print(next(s))
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
print(s.gi_running, s.gi_frame is not None)
print(next(s))
print(s.close())
print(s.gi_frame is None)


def raises_other():
    try:
        yield 1
    except GeneratorExit:
        raise KeyError("during close")


r = raises_other()
next(r)
try:
    r.close()
except KeyError as e:
    print("close raised", repr(e))


def yields_in_finally():
    try:
        yield 1
    finally:
        yield "from finally"


y = yields_in_finally()
next(y)
y.close()
