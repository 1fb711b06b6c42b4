print(len("abc"), len(""), len([1, 2]), len(()), len({"a": 1}), len({1, 2, 3}))
print(len(range(0, 100, 7)), len(frozenset([1])), len("日本"), len([[]]))
print(len({}.keys()), len({1: 2}.items()), len("a" * 1000))
