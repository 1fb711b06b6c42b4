# An exception raised while handling another: both are reported; the last line is the new one.
def parse(text):
    try:
        return int(text)
    except ValueError:
        return fallback[text]

fallback = {"one": 1}
print(parse("3"), parse("one"))
parse("two")
