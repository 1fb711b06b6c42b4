# import of a .py module next to the script: one object, cached in sys.modules, attributes.
import sys

import _imp_helper
import _imp_helper as again

print(_imp_helper is again)
print(_imp_helper.greet("world"))
print(_imp_helper.__name__, _imp_helper.__doc__)
print(_imp_helper.__package__ == "", _imp_helper.__file__.endswith("_imp_helper.py"))
print("_imp_helper" in sys.modules, sys.modules["_imp_helper"] is _imp_helper)
print(repr(_imp_helper).replace(sys.path[0], "<dir>"))
print(_imp_helper.bump(), _imp_helper.bump(), again.counter)
# Module attributes can be set from outside and are seen by the module's functions.
_imp_helper.GREETING = "hi"
print(_imp_helper.greet("there"))
print(type(_imp_helper).__name__)
print(__name__, __package__, __doc__)
if __name__ == "__main__":
    print("main guard runs")
