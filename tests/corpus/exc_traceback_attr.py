# __traceback__ and with_traceback.
e = ValueError("x")
print(e.__traceback__)
try:
    raise e
except ValueError as caught:
    tb = caught.__traceback__
    print(tb is not None, bool(tb))
    print(caught.with_traceback(None) is caught, caught.__traceback__)
    caught.__traceback__ = tb
    print(caught.__traceback__ is not None)


try:
    e.__traceback__ = 5
except TypeError as err:
    print(err)

def inner():
    raise KeyError("deep")
def outer():
    inner()
try:
    outer()
except KeyError as k:
    tb = k.__traceback__
    lines = []
    while tb is not None:
        lines.append(tb.tb_lineno)
        tb = tb.tb_next
    print(lines)
