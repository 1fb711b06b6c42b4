# Messages of common runtime errors, caught and printed.
def attempt(label, func):
    try:
        func()
    except Exception as e:
        print("%s: %s: %s" % (label, type(e).__name__, e))

attempt("add", lambda: 1 + "a")
attempt("index", lambda: [1, 2][5])
attempt("key", lambda: {"a": 1}["b"])
attempt("attr", lambda: (1).nope)
callee = 5
attempt("call", lambda: callee())
attempt("int", lambda: int("12x"))
attempt("div", lambda: 1 / 0)
attempt("mod", lambda: 1 % 0)
attempt("unpack", lambda: [a for a, b in [(1, 2, 3)]])
attempt("name", lambda: undefined_thing)
attempt("len", lambda: len(5))
attempt("hash", lambda: {[]: 1})
attempt("iter", lambda: iter(5))
attempt("next", lambda: next(iter([])))
attempt("pop", lambda: [].pop())
attempt("remove", lambda: [1].remove(2))
attempt("str index", lambda: "abc".index("z"))
attempt("float", lambda: float("x"))
attempt("chr", lambda: chr(-1))
attempt("args", lambda: (lambda a: a)())
