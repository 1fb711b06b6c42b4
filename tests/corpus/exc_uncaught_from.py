# Uncaught exception with an explicit cause.
def read_setting(settings, key):
    try:
        return settings[key]
    except KeyError as e:
        raise ValueError("missing setting %r" % key) from e
print(read_setting({"a": 1}, "a"))
read_setting({}, "b")
