s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.find("the", 1), s.find("cat"), s.rfind("the"), s.rfind("o"))
print(s.index("quick"), s.rindex("o"), s.find("o", 15, 20))
print(s.count("o"), s.count("the"), s.count(""), "aaaa".count("aa"))
print(s.replace("the", "a"), "|", s.replace("o", "0", 2))
print("aaa".replace("a", "bb"), "abc".replace("", "-"))
print(s.startswith("the"), s.startswith("quick", 4), s.endswith("dog"), s.endswith(("cat", "dog")))
print("abc".startswith(("x", "a")), "".startswith(""), "abc".endswith(""))
print("hello".find(""), "hello".rfind(""), "hello".find("l", -2))
