# Errors from attribute hooks propagate; AttributeError from a property falls back to
# __getattr__; del of missing attributes.
class Strict:
    def __getattribute__(self, name):
        if name.startswith("forbidden"):
            raise PermissionError(name)
        return object.__getattribute__(self, name)


s = Strict()
s.ok = 1
print(s.ok)
try:
    s.forbidden_x
except PermissionError as e:
    print("PermissionError", e)


class Fallback:
    @property
    def broken(self):
        raise AttributeError("inner failure")

    def __getattr__(self, name):
        return f"fallback for {name}"


print(Fallback().broken, Fallback().other)


class Plain:
    pass


p = Plain()
try:
    del p.nothing
except AttributeError as e:
    print(e)
try:
    Plain.nothing
except AttributeError as e:
    print(e)
print(getattr(p, "x", None), getattr(Plain, "y", "dflt"))
setattr(Plain, "z", 5)
print(p.z, getattr(p, "z"))
getattr(p, "missing")
