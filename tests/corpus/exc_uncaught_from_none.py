def lookup(key):
    try:
        return {}[key]
    except KeyError:
        raise AttributeError(key) from None
lookup("name")
