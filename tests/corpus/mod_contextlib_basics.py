# contextlib: contextmanager (normal exit, exception caught inside, exception propagating,
# generator that does not yield / does not stop), suppress, nullcontext, closing,
# redirect_stdout, ContextDecorator use of a @contextmanager, ExitStack ordering.
import contextlib
import io

log = []


@contextlib.contextmanager
def tag(name):
    """Wraps a block in <name> ... </name>."""
    log.append(f"<{name}>")
    try:
        yield name.upper()
    except KeyError as e:
        log.append(f"caught {e!r}")
    finally:
        log.append(f"</{name}>")


with tag("a") as v:
    log.append(v)
with tag("b"):
    {}["missing"]
try:
    with tag("c"):
        raise ValueError("escapes")
except ValueError as e:
    log.append(f"outer {e}")
print(log)
print(tag.__name__, tag.__doc__)


@contextlib.contextmanager
def no_yield():
    if False:
        yield


@contextlib.contextmanager
def two_yields():
    yield 1
    yield 2


for factory in (no_yield, two_yields):
    try:
        with factory():
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)

with contextlib.suppress(KeyError, IndexError):
    [][3]
print("suppressed IndexError")
try:
    with contextlib.suppress(KeyError):
        1 / 0
except ZeroDivisionError as e:
    print("not suppressed:", e)

with contextlib.nullcontext(42) as n:
    print("nullcontext", n)


class Resource:
    def __init__(self, name):
        self.name = name

    def close(self):
        print("closed", self.name)


with contextlib.closing(Resource("r1")) as r:
    print("using", r.name)

buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured line")
print("buffer:", repr(buf.getvalue()))


@tag("deco")
def decorated(x):
    log.append(f"body {x}")
    return x * 2


log.clear()
print(decorated(5), decorated(6), log)

with contextlib.ExitStack() as stack:
    for i in range(3):
        stack.callback(print, "callback", i)
    stack.enter_context(tag("stacked"))
    print("inside stack")
print(log[-2:])

with contextlib.ExitStack() as stack:
    stack.push(lambda *exc: True)
    raise KeyError("swallowed by the stack")
print("after stack suppression")


@contextlib.contextmanager
def reraises():
    try:
        yield
    except ValueError:
        raise TypeError("converted")


try:
    with reraises():
        raise ValueError("original")
except TypeError as e:
    print("TypeError:", e, "context:", repr(e.__context__))

with contextlib.ExitStack() as stack:
    stack.enter_context(object())
