# Handlers that rebind, return and loop.
def classify(values):
    out = []
    for v in values:
        try:
            r = 10 // v
        except ZeroDivisionError:
            out.append("zero")
            continue
        except TypeError as e:
            out.append("type")
            if v is None:
                break
        else:
            out.append(r)
        finally:
            out.append("|")
    return out

print(classify([1, 0, "s", 5, None, 2]))

# A name bound by `except as` shadows and then is removed, even for a previous value.
x = "global x"
try:
    raise ValueError("v")
except ValueError as x:
    print("in handler:", x)
try:
    print(x)
except NameError as e:
    print(e)

# Handler with a stored exception used after the handler ends.
saved = []
for exc_type in (KeyError, IndexError, ValueError):
    try:
        raise exc_type("message for %s" % exc_type.__name__)
    except (KeyError, IndexError) as e:
        saved.append(e)
    except Exception as e:
        saved.append(("other", e))
print([repr(s) for s in saved])

# Exception types chosen at run time.
def catcher(types):
    try:
        [][0]
    except types as e:
        return "caught by %r" % (types,)
    except Exception:
        return "fell through"
print(catcher(IndexError))
print(catcher((KeyError, LookupError)))
print(catcher(()))
print(catcher(KeyError))
