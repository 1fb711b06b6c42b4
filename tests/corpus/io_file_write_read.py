# Text files: write, append, read back whole, by size, by line, seek/tell; the file is
# deleted at the end. (The name includes the implementation so parallel runs don't collide.)
import os
import sys

name = "_tmp_io_file_write_read_" + sys.implementation.name + ".txt"
f = open(name, "w")
print(f.write("first line\n"), f.write("second: café\n"))
f.writelines(["third\n", "fourth"])
f.close()

with open(name, "a") as f:
    f.write("\nappended\n")

f = open(name)
print(repr(f.readline()))
print(f.tell())
print(repr(f.read(6)), repr(f.readline()))
print(f.readlines())
print(repr(f.read()), repr(f.readline()))
f.seek(0)
print(repr(f.read()))
f.close()

with open(name, encoding="utf-8") as f:
    lines = f.read().splitlines()
print(len(lines), lines[-1])
print(os.path.getsize(name), os.path.exists(name))
os.remove(name)
print(os.path.exists(name))
