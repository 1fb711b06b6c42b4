data = [("b", 2), ("a", 2), ("c", 1), ("d", 3), ("e", 1)]
print(sorted(data, key=lambda t: t[1]))
print(sorted(data, key=lambda t: t[1], reverse=True))
print(sorted([3, 1, 2], reverse=True), sorted("cab"), sorted({3: 0, 1: 0}))
print(sorted([1, 1.5, True, 0, -2]), sorted(["b", "A", "a", "B"], key=str.lower))
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words, key=len))
print(sorted(words, key=lambda w: (len(w), w)))
lst = [5, 3, 1]
s = sorted(lst)
print(lst, s, s is lst)
print(sorted(range(5), key=lambda v: -v), sorted([[2, 1], [1, 2], [1]]))
