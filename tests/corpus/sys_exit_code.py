import sys
def finish(code):
    print("about to exit with", code)
    sys.exit(code)
print("start")
finish(3)
print("not printed")
