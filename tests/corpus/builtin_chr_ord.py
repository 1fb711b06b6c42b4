print(chr(65), chr(97), chr(48), chr(32) + "|", repr(chr(10)), chr(8364), chr(128512))
print(ord("A"), ord("a"), ord("0"), ord(" "), ord("\n"), ord("€"), ord("😀"))
print("".join([chr(ord(c) + 1) for c in "HAL"]))
print([ord(c) for c in "hello"])
print(chr(0x41) == "A", ord(chr(1000)) == 1000, repr(chr(0)), repr(chr(127)), repr(chr(160)))
def caesar(s, k):
    out = []
    for c in s:
        if "a" <= c <= "z":
            out.append(chr((ord(c) - 97 + k) % 26 + 97))
        else:
            out.append(c)
    return "".join(out)
print(caesar("hello, world", 3), caesar(caesar("abcxyz", 5), 21))
