import _imp_helper
print("before")
import no_such_module_anywhere
print("not reached")
