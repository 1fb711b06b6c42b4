# Exceptions and generators: handlers around yields, throw(), close() and finally.
import sys

def reader(lines):
    for line in lines:
        try:
            yield int(line)
        except ValueError:
            yield "bad: " + line
        finally:
            print("  finished", repr(line))

print(list(reader(["1", "x", "3"])))

def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("  generator cleanup")

g = guarded()
print(next(g))
g.close()
print("closed")

def catcher():
    while True:
        try:
            value = yield
            print("  got", value)
        except KeyError as e:
            print("  handled thrown", repr(e))
        except GeneratorExit:
            print("  exiting")
            return

c = catcher()
next(c)
c.send(1)
c.throw(KeyError("k"))
c.send(2)
c.close()

def handled_across_yield():
    try:
        raise ValueError("inside generator")
    except ValueError:
        yield sys.exc_info()[1]
        yield sys.exc_info()[1]

h = handled_across_yield()
print(repr(next(h)))
print("caller sees", sys.exc_info())
print(repr(next(h)))

try:
    print(sum(1 / x for x in [1, 2, 0]))
except ZeroDivisionError as e:
    print("generator expression:", e)

def failing():
    yield 1
    raise IndexError("gen failed")
try:
    for v in failing():
        print("value", v)
except IndexError as e:
    print("caught", e)
