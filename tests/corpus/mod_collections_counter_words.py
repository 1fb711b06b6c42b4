from collections import Counter

TEXT = """the quick brown fox jumps over the lazy dog the dog barks
and the fox runs away while the quick dog chases the brown fox"""

words = Counter(TEXT.split())
print("distinct:", len(words), "total:", words.total())
for word, count in words.most_common(5):
    print(f"{word:>6} {count:3d} {'#' * count}")
letters = Counter(ch for ch in TEXT if ch.isalpha())
print(letters.most_common(3))
lengths = Counter(len(w) for w in TEXT.split())
print(sorted(lengths.items()))


class WordCounter(Counter):
    def top(self):
        return self.most_common(1)[0][0]


wc = WordCounter(TEXT.split())
print(type(wc).__name__, wc.top(), wc["fox"], isinstance(wc, Counter))
print(wc.most_common(2))
