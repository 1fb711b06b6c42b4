import sys
print("_imp_fails_once: body runs, in sys.modules:", __name__ in sys.modules)
ATTEMPTS = getattr(sys, "_imp_attempts", 0) + 1
sys._imp_attempts = ATTEMPTS
if ATTEMPTS == 1:
    raise RuntimeError("first import fails")
VALUE = "loaded on attempt " + str(ATTEMPTS)
