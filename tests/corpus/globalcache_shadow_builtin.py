# A module-level name shadowing a builtin after warm-up, then deleted so the builtin is found again.
import sys
G = sys.modules[__name__].__dict__  # the module's globals dict (swallow has no globals() yet)
def size(x):
    return len(x)

for _ in range(100):
    size("abc")
print(size("abc"))

def len(x):
    return "shadowed:" + str(x)

print(size("abc"))
for _ in range(100):
    size("abc")
del len
print(size("abc"))
len = lambda x: -1
print(size("abc"))
del G['len']
print(size("abcd"))

# The same in a class body and at module level (LOAD_NAME falls back to globals and builtins).
class Box:
    n = len("xy")
    len = lambda self: 0
    m = len(None)
print(Box.n, Box.m, len("xyz"))
