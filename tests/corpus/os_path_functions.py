# os.path: pure path manipulation (POSIX rules).
import os.path
from os import path

print(path is os.path, path.__name__, os.sep, os.pathsep, repr(os.linesep), os.name)
print(path.join("a", "b", "c.txt"), path.join("a/", "b"), path.join("a", "/abs", "x"), path.join("", "a"), path.join("a", ""))
print(path.split("/usr/lib/python3"), path.split("file"), path.split("/"), path.split("dir/"))
print(path.basename("/x/y/z.py"), path.dirname("/x/y/z.py"), path.basename("dir/"), path.dirname("file"))
print(path.splitext("archive.tar.gz"), path.splitext(".bashrc"), path.splitext("/a.d/file"), path.splitext("noext"))
for p in ["a//b/./c/../d", "/../x", "", "./", "../..", "//srv/x", "///srv/x", "a/b/../../.."]:
    print(repr(p), "->", repr(path.normpath(p)))
print(path.isabs("/a"), path.isabs("a"), path.commonprefix(["/usr/lib", "/usr/local"]))
print(path.abspath("x/../y") == path.join(os.getcwd(), "y"), path.abspath("/a/./b"))
