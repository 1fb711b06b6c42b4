# Files iterate by lines; attributes name/mode/closed/encoding; repr; with closes the file;
# io.UnsupportedOperation for the wrong direction.
import io
import os
import sys

name = "_tmp_io_file_iteration_" + sys.implementation.name + ".txt"
with open(name, "w") as f:
    for i in range(1, 4):
        print("row", i, file=f)
    print(f.name == name, f.mode, f.closed, f.encoding, f.writable(), f.readable())
print(f.closed)
with open(name) as f:
    for number, line in enumerate(f, 1):
        print(number, repr(line))
    print(repr(f).replace(name, "<tmp>"))
with open(name, "rb") as f:
    print(list(f), repr(f).replace(name, "<tmp>"), f.mode)
with open(name, "r+") as f:
    print(repr(f).replace(name, "<tmp>"))
try:
    with open(name) as f:
        f.write("nope")
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e, isinstance(e, OSError), isinstance(e, ValueError))
os.remove(name)
