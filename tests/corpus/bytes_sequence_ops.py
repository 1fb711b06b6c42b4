# bytes as a sequence: len, indexing gives ints, slicing, iteration, + * in, comparisons, hash.
b = b'hello world'
print(len(b), b[0], b[-1], b[1:4], b[::-1], b[::3], b[100:])
print([x for x in b'abc'], list(reversed(list(b'xyz'))))
print(b + b'!', b'ab' * 3, 2 * b'xy', b'ab' * 0, b'ab' * -1)
print(b'world' in b, 111 in b, b'' in b, b'zz' in b, 0 in b)
print(b'abc' == b'abc', b'abc' != b'abd', b'abc' < b'abd', b'ab' < b'abc', b'b' > b'abc', b'a' <= b'a')
print(b'abc' == 'abc', b'abc' == bytearray(b'abc'), bytearray(b'a') < b'b')
print(hash(b'abc') == hash(b'abc'), hash(b'') == 0)
d = {b'key': 1, b'other': 2}
print(d[b'key'], b'other' in d, sorted([b'pear', b'apple', b'fig']))
print(max(b'hello'), min(b'hello'), sum(b'\x01\x02\x03'), sorted(b'cab'))
print(bool(b''), bool(b'\x00'), bool(bytearray()), b'x' if b'' else b'empty')
