s = "  \t hello world \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print(repr("xxhixx".strip("x")), repr("abcHIcba".strip("abc")))
print(repr("..a..".lstrip(".")), repr("..a..".rstrip(".")))
print(repr("".strip()), repr("   ".strip()))
print(repr("aaa".strip("a")), repr("hello".strip("")))
