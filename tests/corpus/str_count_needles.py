# str.count: an empty needle, one ASCII byte (counted byte by byte), non-ASCII and longer
# needles, with start/end windows in and out of range.
s = "Hello, Wörld! AEIOU aeiou ééé  spaces  \u00e9\u0065\u0301"
for sub in ["", "o", "l", "é", " ", "  ", "AE", "\u0301", "x", "!"]:
    print(repr(sub), s.count(sub), s.count(sub, 3), s.count(sub, 2, -4), s.count(sub, -100, 100), s.count(sub, 10, 5))
print("".count("a"), "".count(""), "aaaa".count("aa"), "aaaa".count("a", 1, 3))
