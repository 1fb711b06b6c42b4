# Deleting a global after the cache knows it: NameError with CPython's message.
import sys
G = sys.modules[__name__].__dict__  # the module's globals dict (swallow has no globals() yet)
value = 42

def read():
    return value

for _ in range(100):
    read()
print(read())
del value
try:
    read()
except NameError as e:
    print("NameError:", e)
value = "back"
print(read())
G.pop('value')
try:
    read()
except NameError as e:
    print("NameError:", e)
value = 7
print(read())
del G['value']
try:
    read()
except NameError as e:
    print("NameError:", e)
