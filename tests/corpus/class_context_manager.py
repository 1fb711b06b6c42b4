# Classes as context managers: __enter__/__exit__, suppressing exceptions, nesting.
class Tag:
    depth = 0

    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("  " * Tag.depth + f"<{self.name}>")
        Tag.depth += 1
        return self

    def __exit__(self, exc_type, exc, tb):
        Tag.depth -= 1
        print("  " * Tag.depth + f"</{self.name}>" + (f" ({exc_type.__name__}: {exc})" if exc_type else ""))
        return self.suppress


with Tag("html") as page:
    with Tag("body"):
        print("    hello from", page.name)
with Tag("outer", suppress=True):
    with Tag("inner"):
        raise ValueError("boom")
print("after suppressed error")


class Timer:
    def __init__(self):
        self.log = []

    def __enter__(self):
        self.log.append("start")
        return self.log

    def __exit__(self, *args):
        self.log.append("stop")


t = Timer()
with t as log:
    log.append("work")
print(t.log)


class NotCM:
    pass


with NotCM():
    pass
