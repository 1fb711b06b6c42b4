import sys
print("exiting with a message")
errors = ["bad thing"]
if errors:
    sys.exit("fatal: " + errors[0])
print("not printed")
