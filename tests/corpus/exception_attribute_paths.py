# Attribute stores and loads on exception instances through STORE_ATTR / LOAD_ATTR, whose
# slow paths use the interned name (`exception::set_attribute_interned`,
# `get_attribute_hashed`): ordinary attributes, the special ones, class attributes, and
# the same sites seeing different exception classes.


class AppError(Exception):
    kind = "app"

    def __init__(self, code, detail=""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail

    def describe(self):
        return "%s:%s" % (self.kind, self.code)


class SubError(AppError):
    kind = "sub"


total = 0
for i in range(2000):
    cls = SubError if i % 3 == 0 else AppError
    try:
        raise cls(i, "d%d" % (i % 5))
    except AppError as e:
        total += e.code + len(e.detail) + len(e.args) + len(e.kind)
        e.code = e.code * 2
        e.extra = i
        total += e.code + e.extra
print(total)

e = AppError(7, "x")
print(e.args, e.code, e.detail, e.kind, e.describe(), sorted(e.__dict__))
e.args = (1, 2, 3)
print(e.args, e.code, str(e))
e.kind = "own"
print(e.kind, AppError.kind, e.describe())
cause = ValueError("cause")
e.__cause__ = cause
print(e.__cause__ is cause, e.__suppress_context__, e.__context__)
e.__suppress_context__ = False
e.__context__ = KeyError("k")
print(e.__suppress_context__, repr(e.__context__))
e.__traceback__ = None
print(e.__traceback__)
try:
    e.__cause__ = 5
except TypeError as err:
    print("TypeError:", err)
e.__dict__["args"] = "shadow"
print(e.args, e.__dict__["args"])

s = StopIteration(42)
print(s.value)
s.value = 43
print(s.value, s.args)
o = OSError(2, "No such file")
print(o.errno, o.strerror, o.filename)
o.filename = "f.txt"
print(o.filename, str(o))
k = KeyError("key")
k.note = "n"
print(k.note, k.args, hasattr(k, "missing"))
try:
    k.missing
except AttributeError as err:
    print("AttributeError:", err)
