# bytes literals and CPython's repr: quote choice, escapes, concatenation of literals.
print(b'plain', b"double", b'it\'s', b"say \"hi\"", b'both \' and "')
print(b'\x00\x01\x7f\x80\xff', b'tab\tnl\nret\r', b'back\\slash')
print(b'con' b'cat', rb'\d+', br'raw\n', len(b'\x00'))
print(repr(b''), str(b'abc'), repr(bytearray(b"x'y")), bytearray())
print(type(b'').__name__, type(bytearray()).__name__)
data = bytes(range(0, 256, 17))
print(data)
print(list(data))
