def is_palindrome(s):
    cleaned = "".join([c.lower() for c in s if c.isalnum()])
    return cleaned == cleaned[::-1]
for s in ["racecar", "A man, a plan, a canal: Panama", "hello", "", "No 'x' in Nixon", "ab"]:
    print(repr(s), is_palindrome(s))
def reverse_words(s):
    return " ".join(s.split()[::-1])
print(reverse_words("the quick  brown fox"))
def reverse_manual(s):
    out = ""
    for ch in s:
        out = ch + out
    return out
print(reverse_manual("stressed"), reverse_manual("日本語"))
pals = [n for n in range(10, 1000) if str(n) == str(n)[::-1]]
print(len(pals), pals[:12], pals[-3:])
longest = ""
text = "forgeeksskeegfor"
for i in range(len(text)):
    for j in range(i + 1, len(text) + 1):
        sub = text[i:j]
        if sub == sub[::-1] and len(sub) > len(longest):
            longest = sub
print(longest)
