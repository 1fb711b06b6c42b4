print(repr("abc".center(9)), repr("abc".center(8, "*")), repr("abc".center(2)))
print(repr("abc".ljust(6)), repr("abc".rjust(6)), repr("abc".ljust(6, "-")), repr("abc".rjust(6, "0")))
print("42".zfill(5), "-42".zfill(5), "+7".zfill(4), "abc".zfill(2), "".zfill(3))
for w in ["a", "bb", "ccc", "dddd"]:
    print("[" + w.ljust(5) + "|" + w.rjust(5) + "|" + w.center(6, ".") + "]")
print(repr("ab".center(5)), repr("ab".center(6, "#")))
