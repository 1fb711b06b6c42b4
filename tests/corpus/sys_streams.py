# sys.stdout/stderr/stdin are file objects; replacing sys.stdout redirects print.
import io
import sys
print(sys.stdout.write("direct write\n"))
sys.stdout.writelines(["a", "b\n"])
sys.stdout.flush()
print(sys.stdout.name, sys.stderr.name, sys.stdin.name, sys.stdout.mode, sys.stdin.mode)
print(sys.stdout.fileno(), sys.stderr.fileno(), sys.stdin.fileno(), sys.stdout.encoding)
print(sys.stdout.writable(), sys.stdin.readable(), sys.stdout.readable())
print(repr(sys.stdin.readline()), repr(sys.stdin.read()), sys.stdin.readlines())
print(sys.stdout is sys.__stdout__, repr(sys.stdout))
captured = io.StringIO()
sys.stdout = captured
print("into the buffer", 42)
sys.stdout.write("and a write\n")
sys.stdout = sys.__stdout__
print(repr(captured.getvalue()))
print("to stderr", file=sys.stderr)
try:
    sys.stdin.write("x")
except io.UnsupportedOperation as e:
    print("UnsupportedOperation:", e)
