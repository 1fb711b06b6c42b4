# os: working directory, listdir, mkdir/makedirs, rename, remove, rmdir, environ/getenv.
import os
import sys

base = "_tmp_os_files_dirs_" + sys.implementation.name
os.makedirs(os.path.join(base, "sub", "deeper"))
os.makedirs(os.path.join(base, "sub"), exist_ok=True)
with open(os.path.join(base, "one.txt"), "w") as f:
    f.write("12345")
os.mkdir(os.path.join(base, "empty"))
print(sorted(os.listdir(base)))
print(os.path.isdir(os.path.join(base, "sub")), os.path.isfile(os.path.join(base, "one.txt")))
print(os.path.getsize(os.path.join(base, "one.txt")), os.path.exists(os.path.join(base, "nope")))
os.rename(os.path.join(base, "one.txt"), os.path.join(base, "two.txt"))
print(sorted(os.listdir(base)))
try:
    os.mkdir(base)
except FileExistsError as e:
    print("FileExistsError", e.errno, e.filename == base)
try:
    os.makedirs(base)
except OSError as e:
    print(type(e).__name__, e.strerror)
os.remove(os.path.join(base, "two.txt"))
os.rmdir(os.path.join(base, "sub", "deeper"))
os.rmdir(os.path.join(base, "sub"))
os.rmdir(os.path.join(base, "empty"))
os.rmdir(base)
print(os.path.exists(base))
print(os.getcwd() == os.path.abspath("."), os.path.isabs(os.getcwd()))
print(os.getenv("SWALLOW_SURELY_UNSET"), os.getenv("SWALLOW_SURELY_UNSET", "fallback"))
os.environ["SWALLOW_TEST_VAR"] = "set here"
print(os.getenv("SWALLOW_TEST_VAR"), os.environ.get("SWALLOW_TEST_VAR"), "SWALLOW_TEST_VAR" in os.environ)
print(os.environ["PYTHONHASHSEED"], type(os.getpid()).__name__, os.cpu_count() >= 1, len(os.urandom(16)))
