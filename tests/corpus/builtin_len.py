print(len("abc"), len(""), len([1, 2]), len(()), len({"a": 1}), len({1, 2, 3}))
print(len(range(0, 100, 7)), len(frozenset([1])), len("日本"), len([[]]))
print(len({}.keys()), len({1: 2}.items()), len("a" * 1000))
lst = []
for i in range(10):
    lst.append(i)
print(len(lst), len(lst[2:5]), len(lst[::3]), len(str(2 ** 100)))
