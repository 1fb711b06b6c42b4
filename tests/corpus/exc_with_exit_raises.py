# Exceptions raised by __enter__ and __exit__.
class FailingExit:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        raise RuntimeError("exit failed during %s" % (exc_type.__name__ if exc_type else "normal exit"))

try:
    with FailingExit():
        pass
except RuntimeError as e:
    print(e, "| context:", e.__context__)

try:
    with FailingExit():
        raise ValueError("body error")
except RuntimeError as e:
    print(e, "| context:", repr(e.__context__))

class FailingEnter:
    def __enter__(self):
        raise KeyError("enter")
    def __exit__(self, *args):
        print("exit must not run")

try:
    with FailingEnter():
        print("body must not run")
except KeyError as e:
    print("enter failed:", e)

class NoExit:
    def __enter__(self):
        return 1
try:
    with NoExit():
        pass
except TypeError as e:
    print(e)

class NoEnter:
    def __exit__(self, *a):
        pass
with NoEnter():
    pass
