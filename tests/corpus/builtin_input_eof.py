print("before input")
line = input()
print("never printed", line)
