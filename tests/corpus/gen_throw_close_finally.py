# close() and throw() raise at the suspension point: except and finally blocks run.
def resource(name):
    print("open", name)
    try:
        for i in range(3):
            yield name + str(i)
    finally:
        print("release", name)


r = resource("a")
print(next(r))
r.close()
print("after close:", next(r, "exhausted"))

r = resource("b")
print(list(r))

r = resource("c")
print(next(r), next(r))
try:
    r.throw(ValueError("boom"))
except ValueError as e:
    print("propagated:", e)
print(r.gi_frame is None)


def tolerant():
    n = 0
    while True:
        try:
            yield n
        except ValueError as e:
            print("handled", e)
            n -= 100
        n += 1


t = tolerant()
print(next(t), next(t))
print(t.throw(ValueError("first")))
print(next(t))
print(t.throw(ValueError, "second"))
t.close()
print("closed tolerant:", next(t, None))

fresh = resource("never started")
fresh.close()
print("closing an unstarted generator runs nothing")
done = resource("d")
list(done)
done.close()
print("closing a finished generator does nothing")


def cleanup_order():
    try:
        try:
            yield 1
        finally:
            print("inner finally")
    finally:
        print("outer finally")


c = cleanup_order()
next(c)
c.close()


def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("saw GeneratorExit")
        raise


ce = catches_exit()
next(ce)
print(ce.close())


def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"


re_ = returns_on_exit()
next(re_)
print(re_.close())
