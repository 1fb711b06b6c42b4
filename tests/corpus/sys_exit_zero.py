from sys import exit
def main():
    print("main ran")
    exit(0)
    print("not reached")
main()
print("not reached either")
