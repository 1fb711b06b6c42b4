print("asking")
def ask():
    return input("your name: ")
name = ask()
print("unreachable", name)
