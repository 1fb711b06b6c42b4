# send(): yield as an expression, priming, and the just-started rule.
def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    return total


acc = accumulator()
print(next(acc))
print(acc.send(5))
print(acc.send(10))
print(acc.send(-3))
print(next(acc, "exhausted with None"))


def echo():
    received = yield "ready"
    while True:
        received = yield "got " + repr(received)


e = echo()
print(e.send(None))
print(e.send(1))
print(e.send("text"))
print(next(e))
print(e.send([1, 2]))


def averager():
    count = 0
    total = 0.0
    average = None
    while True:
        term = yield average
        total += term
        count += 1
        average = total / count


avg = averager()
next(avg)
for v in [10, 20, 30, 45]:
    print("average:", avg.send(v))

fresh = accumulator()
fresh.send(1)
