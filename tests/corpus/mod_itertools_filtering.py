# itertools: compress, dropwhile, takewhile, filterfalse, starmap, pairwise, zip_longest, tee, groupby.
import itertools as it

print(list(it.compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(it.compress(range(10), it.cycle([0, 1]))))
print(list(it.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(it.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(it.filterfalse(lambda x: x % 2, range(10))), list(it.filterfalse(None, [0, 1, "", "a", None, []])))
print(list(it.starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(it.starmap(max, [[1, 5, 2], "hello"])))
print(list(it.pairwise("ABCDE")), list(it.pairwise([1])), list(it.pairwise([])))
print(list(it.zip_longest("ABCD", "xy", fillvalue="-")), list(it.zip_longest([1, 2], [3], [4, 5, 6])), list(it.zip_longest()))
a, b = it.tee(range(5))
print(next(a), next(a), list(b), list(a))
x, y, z = it.tee("abc", 3)
print(list(x), list(z), list(y), it.tee([1], 0))
for key, group in it.groupby("AAAABBBCCDAABBB"):
    print(key, list(group))
print([k for k, g in it.groupby("AAAABBBCCD")])
words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
for letter, group in it.groupby(words, key=lambda w: w[0]):
    print(letter, list(group))
groups = [(k, g) for k, g in it.groupby([1, 1, 2, 2, 3])]
print([(k, list(g)) for k, g in groups])
g = it.groupby([1, 1, 2])
k1, g1 = next(g)
print(k1, next(g1))
k2, g2 = next(g)
print(k2, list(g1), list(g2))
print(list(it.dropwhile(lambda x: True, [1, 2])), list(it.takewhile(lambda x: True, [])))
list(it.starmap(len, [1]))
