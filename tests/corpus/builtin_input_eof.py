import sys
print("before input")
print("argv has", len(sys.argv), "item")
line = input()
print("never printed", line)
