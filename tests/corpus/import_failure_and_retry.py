# A module whose body raises is removed from sys.modules, so importing it again re-runs it.
import sys
try:
    import _imp_fails_once
except RuntimeError as e:
    print("failed:", e)
print("_imp_fails_once" in sys.modules)
import _imp_fails_once
print(_imp_fails_once.VALUE, "_imp_fails_once" in sys.modules)
import _imp_fails_once as again
print(again is _imp_fails_once)
