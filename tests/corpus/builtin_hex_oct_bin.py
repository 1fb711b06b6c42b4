for n in [0, 1, 7, 8, 255, 256, -1, -255, 2 ** 64, -(2 ** 70)]:
    print(n, hex(n), oct(n), bin(n))
print(hex(True), bin(False), int(hex(123456), 16), int(bin(77), 2), int(oct(99), 8))
print(hex(2 ** 63 - 1), oct(-8), bin(2 ** 63))
print(int("0x7f", 16), int("-0b11", 0), int("0o777", 0))
print([bin(i) for i in range(6)])
