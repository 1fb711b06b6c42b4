# io.BytesIO basics.
import io
b = io.BytesIO(b"first\nsecond\nthird")
print(b.readline(), b.read(3), b.tell(), b.read())
b.seek(0)
print(b.readlines())
b = io.BytesIO()
print(b.write(b"abc"), b.write(bytearray(b"de")), b.getvalue(), b.tell())
b.seek(1)
b.write(b"XY")
print(b.getvalue(), list(io.BytesIO(b"1\n2\n")))
b.seek(-2, 2)
print(b.read())
try:
    b.write("text")
except TypeError as e:
    print("TypeError", e)
b.close()
print(b.closed)
