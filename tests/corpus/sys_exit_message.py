import sys
print("exiting with a message")
sys.exit("fatal: bad thing")
