# bytes() and bytearray() constructors.
print(bytes(), bytes(4), bytes([72, 105]), bytes((1, 2, 3)), bytes(range(65, 70)))
print(bytes('héllo', 'utf-8'), bytes('abc', encoding='ascii'), bytes('é', 'latin-1'))
print(bytes(b'copy'), bytes(bytearray(b'from array')), bytes([x * 2 for x in range(5)]))
print(bytearray(), bytearray(2), bytearray([1, 255]), bytearray('hi', 'utf-8'), bytearray(b'xy'))
print(bytes.fromhex('48 65 6c 6c 6f'), bytearray.fromhex('ff00'), bytes.fromhex(''))
print(bytes(True), bytes([True, False]))
