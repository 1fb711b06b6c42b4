# io.StringIO: write/read/readline/readlines/getvalue/seek/tell/truncate, iteration, close,
# context manager, and its errors.
import io

s = io.StringIO()
print(s.write("hello\n"), s.write("wörld\n"), s.tell())
print(repr(s.getvalue()))
s.seek(0)
print(repr(s.readline()), repr(s.read(3)), s.tell(), repr(s.read()))
print(repr(s.read()), repr(s.readline()))
s.seek(0)
print(s.readlines())
s.seek(2)
s.write("LL")
print(repr(s.getvalue()))
s.seek(0, 2)
s.write("end")
print(repr(s.getvalue()), s.tell())
print(s.truncate(5), repr(s.getvalue()), s.tell())
s.seek(8)
s.write("!")
print(repr(s.getvalue()))
t = io.StringIO("a\nb\nc")
print([line for line in t], list(io.StringIO("x\ny\n")))
with io.StringIO("ctx") as c:
    print(c.read(), c.closed)
print(c.closed)
for action in (lambda: c.read(), lambda: c.getvalue(), lambda: io.StringIO().write(5),
               lambda: io.StringIO(7), lambda: io.StringIO().seek(-1), lambda: io.StringIO().seek(1, 1),
               lambda: io.StringIO().seek(0, 5), lambda: io.StringIO().truncate(-1)):
    try:
        action()
    except Exception as e:
        print(type(e).__name__, e)
print(type(s).__name__, type(s).__module__, isinstance(s, io.StringIO))
