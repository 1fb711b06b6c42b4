# LOAD_GLOBAL caches where a name was found; a new value for the same key must be seen at once.
import sys
G = sys.modules[__name__].__dict__  # the module's globals dict (swallow has no globals() yet)
factor = 2

def scaled(n):
    return n * factor

total = 0
for i in range(200):
    total += scaled(i)
    if i == 100:
        factor = 3          # rebinding after warm-up: same key, new value
print(total)

def counter_reads():
    seen = []
    for _ in range(3):
        seen.append(factor)
    return seen

print(counter_reads())
G['factor'] = 10    # a write through the globals dict
print(counter_reads(), scaled(1))
G.update(factor=11, brand_new=5)
print(counter_reads(), brand_new)
