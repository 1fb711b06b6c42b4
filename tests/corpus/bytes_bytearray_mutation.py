# bytearray is mutable: item and slice assignment, deletion, append/extend/pop/insert/remove.
ba = bytearray(b'hello')
ba[0] = 72
print(ba)
ba[1:3] = b'EY'
print(ba)
ba[5:] = b' there'
print(ba, len(ba))
ba[::2] = b'......'
print(ba)
del ba[0]
del ba[-2:]
print(ba)
ba.append(33)
ba.extend(b'??')
ba.extend([65, 66])
print(ba)
print(ba.pop(), ba.pop(0), ba)
ba.insert(0, 120)
ba.insert(100, 121)
ba.remove(ord('.'))
print(ba)
ba.reverse()
print(ba)
copy = ba.copy()
copy.clear()
print(copy, ba == copy, len(ba))
ba += b'++'
ba *= 2
print(ba)
counts = bytearray(4)
for byte in b'\x00\x01\x01\x03\x03\x03':
    counts[byte] += 1
print(list(counts))
