# Order of try / except / else / finally.
def run(fail):
    log = []
    try:
        log.append("try")
        if fail:
            raise ValueError("boom")
    except ValueError as e:
        log.append("except " + str(e))
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return log

print(run(False))
print(run(True))

# An exception in else is not caught by the same try's handlers.
def else_raises():
    try:
        pass
    except ZeroDivisionError:
        return "handler"
    else:
        1 / 0
try:
    else_raises()
except ZeroDivisionError:
    print("else raised past its own handlers")

# finally runs when an exception escapes.
def escaping():
    try:
        raise KeyError("k")
    finally:
        print("cleanup before escape")
try:
    escaping()
except KeyError as e:
    print("outer got", repr(e))

# An exception raised in a handler replaces the handled one; finally still runs.
def handler_raises():
    try:
        int("x")
    except ValueError:
        raise RuntimeError("from handler")
    finally:
        print("finally after handler raised")
try:
    handler_raises()
except RuntimeError as e:
    print(e, "| context:", repr(e.__context__))
