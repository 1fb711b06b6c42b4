# The globals dict grows many new keys (resizes) and loses many (compaction moves entries)
import sys
G = sys.modules[__name__].__dict__  # the module's globals dict (swallow has no globals() yet)
# while a warmed-up function keeps reading globals and builtins.
first = "first"
last = "last"

def read():
    return first + last + str(len(first))

for _ in range(50):
    read()
g = G
for i in range(2000):
    g["name%d" % i] = i
    if i % 97 == 0:
        assert read() == "firstlast5", read()
print(read(), name1999)
for i in range(0, 2000, 1):
    if i != 1234:
        del g["name%d" % i]
    if i % 101 == 0:
        assert read() == "firstlast5", read()
print(read(), name1234)
first = "FIRST"
print(read())
g.popitem()
print(sorted(k for k in g if k.startswith("name")))
print(read())
