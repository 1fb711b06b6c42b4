import sys
print("about to exit")
try:
    pass
finally:
    print("finally runs first")
sys.exit("fatal: configuration missing")
