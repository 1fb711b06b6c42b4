nums = [5, 2, 9, 1, 5, 6, -3, 0]
print(sorted(nums), nums)
nums.sort(reverse=True)
print(nums)
words = ["banana", "Apple", "cherry", "date", "fig", "Elder"]
print(sorted(words), sorted(words, key=len), sorted(words, key=str.lower))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "y"), (0, "q")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
floats = [3.5, -1.0, 2, 0.5, 10]
floats.sort()
print(floats)
print(sorted([[3, 1], [1, 2], [1, 1]]), sorted([]))
print(sorted("hello", reverse=True))
