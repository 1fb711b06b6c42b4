from collections import defaultdict

groups = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(groups)
print(groups["a"], groups["z"], len(groups), "z" in groups, groups.get("q"))
print(isinstance(groups, dict), groups.default_factory, dict(groups) == groups)
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(counts, sorted(counts.items()))
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 2
print(nested["x"]["y"], list(nested))
plain = defaultdict(None, {"k": 1})
print(plain)
try:
    plain["missing"]
except KeyError as e:
    print("KeyError:", e)
copy = counts.copy()
copy["new"] = 7
print(type(copy).__name__, copy.default_factory, "new" in counts)
sets = defaultdict(set, a={1})
sets["a"].add(2)
print(sets)
try:
    defaultdict(5)
except TypeError as e:
    print("TypeError:", e)


class Tally(defaultdict):
    def __missing__(self, key):
        return len(key)


t = Tally(int)
print(t["four"], "four" in t)
