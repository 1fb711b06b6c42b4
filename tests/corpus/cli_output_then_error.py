print("first line")
print("second line", end="")
raise ValueError("after output")
