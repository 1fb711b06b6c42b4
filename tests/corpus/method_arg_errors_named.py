# Argument errors of methods whose qualified name ("str.find") is joined only when an
# error needs it (objects/args.rs, MethodName): the messages are CPython's.
import collections
def attempt(f):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
attempt(lambda: "abc".upper(x=1))
attempt(lambda: "abc".upper(1))
attempt(lambda: "abc".find())
attempt(lambda: "abc".find("a", x=1))
attempt(lambda: "abc".startswith())
attempt(lambda: "abc".split(1, 2, 3))
attempt(lambda: "abc".partition())
attempt(lambda: "abc".strip(1, 2))
attempt(lambda: "abc".center())
attempt(lambda: "abc".ljust(1, 2, 3))
attempt(lambda: collections.deque().append(x=1))
attempt(lambda: property().getter())
print("abc".find("b"), "a b".split(), " x ".strip(), "ab".center(6, "*"))
