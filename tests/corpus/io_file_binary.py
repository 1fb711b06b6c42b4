# Binary files give and take bytes; r+ reads and overwrites in place.
import os
import sys

name = "_tmp_io_file_binary_" + sys.implementation.name + ".bin"
with open(name, "wb") as f:
    print(f.write(b"\x00\x01\x02header\n"), f.write(bytes(range(250, 256))))
with open(name, "rb") as f:
    print(f.read(3), f.readline(), f.read(), f.read())
    print(f.tell())
    f.seek(3)
    print(f.read(6))
    f.seek(-2, 2)
    print(f.read(), f.tell())
with open(name, "r+b") as f:
    f.seek(3)
    f.write(b"HEADER")
    f.seek(0)
    print(f.read())
with open(name, "rb") as f:
    data = f.read()
print(len(data), data.hex())
os.remove(name)
