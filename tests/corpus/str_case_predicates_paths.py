# str.isupper / str.islower: ASCII strings are decided on their bytes, others by Unicode
# case (titlecase letters count as neither upper nor lower, uncased characters are
# ignored); and the argument checks of str methods that take no arguments.
samples = ["", "A", "a", "1", " ", "ABC", "abc", "AbC", "A1 B!", "a1 b!", "123", "Hello World",
           "ÉCOLE", "école", "ǅ", "ǅA", "ǅa", "ΣΑΣ", "σας", "ß", "ẞ", "Ⅷ", "ⅷ", "ÀB1", "àb1", "ﬁ",
           "MIXED ascii", "ǈ", "A\u0301", "\u02b0"]
for s in samples:
    print(repr(s), s.isupper(), s.islower(), s.istitle(), s.upper() == s, s.lower() == s)
print(sum(1 for ch in "The Quick BROWN fox ÉÈ é" if ch.isupper()))
print(sum(1 for ch in "The Quick BROWN fox ÉÈ é" if ch.islower()))
for call in (lambda: "a".isupper(1), lambda: str.islower(5), lambda: "a".upper(x=1),
             lambda: str.lower(), lambda: "a".isupper(*[1, 2])):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
print(str.isupper("AB"), str.lower("AB"))
