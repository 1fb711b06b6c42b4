# Universal newlines: \r\n and \r read as \n in text mode unless newline='' is given;
# binary mode sees the bytes.
import os
import sys

name = "_tmp_io_file_newlines_" + sys.implementation.name + ".txt"
with open(name, "wb") as f:
    f.write(b"dos\r\nunix\nend")
with open(name) as f:
    print(repr(f.read()))
with open(name) as f:
    print(f.readlines())
with open(name, newline="") as f:
    print(repr(f.read()))
with open(name, "rb") as f:
    print(f.read())
os.remove(name)
