# bisect: left/right search, lo/hi bounds, key functions, insort variants.
import bisect

a = [1, 2, 4, 4, 4, 7, 9]
for x in [0, 1, 3, 4, 5, 9, 10]:
    print(x, bisect.bisect_left(a, x), bisect.bisect_right(a, x), bisect.bisect(a, x))
print(bisect.bisect_left(a, 4, 3), bisect.bisect_left(a, 4, 0, 2), bisect.bisect_right(a, 4, hi=4))
print(bisect.bisect_left(a, 4, lo=5, hi=None), bisect.bisect_right(a, 4, 1, -1), bisect.bisect(a, 4, 0, -3))
print(bisect.bisect_left([], 1), bisect.bisect_right((1, 2, 3), 2), bisect.bisect_left("acegi", "d"))

grades = [(60, "D"), (70, "C"), (80, "B"), (90, "A")]
def grade(score):
    i = bisect.bisect_right(grades, score, key=lambda g: g[0])
    return "F" if i == 0 else grades[i - 1][1]
print([grade(s) for s in [33, 60, 77, 89, 90, 100]])

words = ["apple", "fig", "banana", "kiwi"]
words.sort(key=len)
print(words)
bisect.insort(words, "pear", key=len)
bisect.insort_left(words, "date", key=len)
bisect.insort_right(words, "grapefruit", key=len)
print(words)

b = []
for x in [5, 1, 4, 1, 5, 9, 2, 6, 5, 3]:
    bisect.insort(b, x)
print(b)
c = []
for x in [3.0, 3, 3.0, 2]:
    bisect.insort_left(c, x)
print(c)
d = [1.0, 2.0]
bisect.insort_right(d, 1, 0, 1)
print(d)
print(bisect.bisect_left(a, 1, -1))
