import sys
print("to stdout 1")
print("warning: something", file=sys.stderr)
print("to stdout 2")
sys.stdout.write("written directly\n")
print("err", 2, sep="-", file=sys.stderr)
print("final stderr line", file=sys.stderr)
print("done", file=sys.stdout)
