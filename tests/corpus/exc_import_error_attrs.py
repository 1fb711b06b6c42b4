# ImportError attributes.
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print(type(e).__name__, e.name, e.msg)
    print(isinstance(e, ImportError))
try:
    from sys import no_such_function
except ImportError as e:
    print(e.name, e.msg)
e = ImportError("custom message", name="pkg", path="/x/pkg.py")
print(e.name, e.path, e.msg, e.args, str(e))
e = ImportError()
print(e.name, e.path, e.msg, repr(e))
try:
    ImportError("m", other=1)
except TypeError as err:
    print(err)
try:
    ValueError("m", other=1)
except TypeError as err:
    print(err)
