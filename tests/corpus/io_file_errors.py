# Errors of open() and of file objects, with CPython's messages and OSError attributes.
import os
import sys

name = "_tmp_io_file_errors_" + sys.implementation.name + ".txt"

def attempt(label, action):
    try:
        result = action()
        print(label, "ok", result)
    except Exception as e:
        print(label, type(e).__name__, str(e).replace(name, "<tmp>"))

attempt("missing", lambda: open("_no_such_file_here.txt"))
attempt("directory", lambda: open("."))
attempt("bad mode", lambda: open("x.txt", "rw"))
attempt("bad mode char", lambda: open("x.txt", "z"))
attempt("text+binary", lambda: open("x.txt", "bt"))
attempt("binary encoding", lambda: open("x.txt", "rb", encoding="utf-8"))
attempt("not a path", lambda: open(3.5))
attempt("unknown encoding", lambda: open("x.txt", "r", encoding="klingon"))
try:
    open("_no_such_file_here.txt")
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename, e.args, isinstance(e, OSError))

with open(name, "w") as f:
    attempt("write bytes to text", lambda: f.write(b"x"))
    attempt("write int", lambda: f.write(5))
with open(name, "wb") as f:
    attempt("write str to binary", lambda: f.write("x"))
attempt("exclusive create", lambda: open(name, "x"))
f = open(name)
f.close()
f.close()
attempt("read closed", lambda: f.read())
attempt("readline closed", lambda: f.readline())
os.remove(name)
attempt("remove again", lambda: os.remove(name))
