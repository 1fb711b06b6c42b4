# StopIteration.value, SystemExit.code and friends.
e = StopIteration(5)
print(e.value, e.args)
print(StopIteration().value)
it = iter([1])
next(it)
try:
    next(it)
except StopIteration as e:
    print("exhausted", e.value, e.args)
print(next(it, "default"))

print(SystemExit().code, SystemExit(3).code, SystemExit("msg").code, SystemExit(1, 2).code)
try:
    raise SystemExit(4)
except SystemExit as e:
    print("caught SystemExit", e.code)

import sys
try:
    sys.exit("bye")
except SystemExit as e:
    print("sys.exit raised", repr(e))

try:
    exit(0)
except BaseException as e:
    print(type(e).__name__, e.code)

print(KeyboardInterrupt().args, issubclass(KeyboardInterrupt, BaseException))
