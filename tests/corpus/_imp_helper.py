"""A helper module for the import tests."""
print("loading _imp_helper as", __name__)

GREETING = "hello"
counter = 0


def greet(name):
    return GREETING + ", " + name


def bump():
    global counter
    counter += 1
    return counter


_hidden = "not exported by *"

if __name__ == "__main__":
    print("never printed on import")
