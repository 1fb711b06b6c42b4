# Generator object attributes and identity.
def worker(n):
    print("inside, running =", me.gi_running)
    yield n
    yield n + 1


me = worker(1)
print(me.gi_running, me.gi_frame is not None)
print(type(me).__name__, me.__name__, me.__qualname__)
print(repr(me).startswith("<generator object worker at 0x"))
print(next(me))
print(me.gi_running)
print(list(me))
print(me.gi_frame is None, me.gi_running)


def outer():
    def inner():
        yield 1
    return inner()


g = outer()
print(g.__name__, g.__qualname__)
print(repr(g).startswith("<generator object outer.<locals>.inner at"))
ge = (x for x in [])
print(ge.__name__, ge.__qualname__, type(ge).__name__)
print(hasattr(me, "send"), hasattr(me, "throw"), hasattr(me, "close"))
print(callable(worker), type(worker).__name__)
print(me.gi_code.co_name, me.gi_yieldfrom)


def delegating():
    yield from inner_gen


inner_gen = worker(5)
d = delegating()
print(next(d), d.gi_yieldfrom is inner_gen)
print(g.gi_suspended, next(g), g.gi_suspended)
