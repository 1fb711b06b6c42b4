s = "héllo wörld"
print(len(s), s[1], s[7], s[-4:])
t = "日本語テキスト"
print(len(t), t[0], t[2], t[-1], t[1:4], t[::-1])
print(ord("é"), chr(233), ord("日"), chr(26085))
e = "a😀b"
print(len(e), e[1], ord(e[1]), e[2])
print("ü".upper(), "ÄÖ".lower(), "straße".upper())
print(repr("naïve"), "naïve".find("ï"), "ⅷ".isalpha())
for c in "añ€":
    print(c, ord(c))
print("€" * 3, "-".join("äöü"))
