# Bare raise re-raises the exception being handled.
def f():
    try:
        int("nope")
    except ValueError:
        print("logging and re-raising")
        raise

try:
    f()
except ValueError as e:
    print("outer:", e)

# A nested handler's exception does not change what the outer bare raise re-raises.
try:
    try:
        raise KeyError("first")
    except KeyError:
        try:
            raise IndexError("second")
        except IndexError:
            pass
        raise
except KeyError as e:
    print("re-raised", repr(e))

# raise e keeps the same object.
err = None
try:
    try:
        raise ValueError("same")
    except ValueError as e:
        err = e
        raise e
except ValueError as again:
    print(again is err)

# Bare raise with nothing handled.
def no_active():
    raise
try:
    no_active()
except RuntimeError as e:
    print("RuntimeError:", e)

raise
