s = "hello, world"
print(s[0], s[-1], s[4], s[-5])
print(s[2:5], s[:5], s[7:], s[:], s[-5:-1])
print(s[::2], s[::-1], s[1::3], s[-2:2:-2])
print(s[100:], s[-100:3], repr(s[5:2]), s[3:100])
print(len(s), len(""), repr(s[0:0]))
for ch in "abc":
    print(ch, end="|")
print()
print("lo" in s, "xyz" in s, "" in s, "w" not in s)
print(repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr("tab\there\nnewline\\"), repr("\x00\x7f"))
