print("asking")
try_value = input("your name: ")
print("unreachable")
