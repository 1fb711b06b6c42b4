# Finally blocks run innermost first, across functions, while an exception propagates.
log = []

def a():
    try:
        b()
    finally:
        log.append("a")

def b():
    try:
        try:
            c()
        finally:
            log.append("b-inner")
    finally:
        log.append("b-outer")

def c():
    try:
        raise RuntimeError("c failed")
    finally:
        log.append("c")

try:
    a()
except RuntimeError as e:
    log.append("caught: " + str(e))
print(log)

# An exception raised in finally replaces the propagating one.
def replaced():
    try:
        raise ValueError("original")
    finally:
        raise KeyError("replacement")
try:
    replaced()
except KeyError as e:
    print(repr(e), "context:", repr(e.__context__))
except ValueError:
    print("not reached")

# Handler inside finally.
def handled_in_finally():
    try:
        return "value"
    finally:
        try:
            1 / 0
        except ZeroDivisionError:
            log.append("handled inside finally")
print(handled_in_finally(), log[-1])
