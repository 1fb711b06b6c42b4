# ImportError / ModuleNotFoundError details, caught: messages, .name, .path, subclassing.
import sys

def attempt(label, action):
    try:
        action()
        print(label, "ok")
    except ImportError as e:
        text = str(e).replace(sys.path[0], "<dir>")
        path = e.path.replace(sys.path[0], "<dir>") if e.path else e.path
        print(label, type(e).__name__, "|", text, "| name:", e.name, "| path:", path)

attempt("missing", lambda: __import__("no_such_module_xyz"))
import _imp_helper
def from_missing():
    from _imp_helper import does_not_exist
attempt("from missing", from_missing)
def from_builtin_missing():
    from sys import does_not_exist
attempt("from builtin", from_builtin_missing)
def submodule_of_module():
    import _imp_helper.child
attempt("not a package", submodule_of_module)
print(issubclass(ModuleNotFoundError, ImportError))
try:
    import also_missing_module
except ModuleNotFoundError as e:
    print("caught as ModuleNotFoundError:", e.msg)
