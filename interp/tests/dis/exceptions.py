def handle(x):
    try:
        return 1 / x
    except (ZeroDivisionError, TypeError) as e:
        print(e)
    else:
        pass
    finally:
        print("done")

def loop(items):
    for item in items:
        try:
            if item:
                continue
            break
        finally:
            print(item)

def managed(path):
    with open(path) as f, open(path):
        return f.read()

def reraise():
    try:
        raise ValueError("x") from None
    except ValueError:
        raise
