text = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness"""
freq = {}
for raw in text.split():
    word = raw.strip(",.").lower()
    freq[word] = freq.get(word, 0) + 1
print(len(freq))
ranked = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
for word, count in ranked[:8]:
    print(f"{word:>12} {count:3} {'#' * count}")
lengths = {}
for word in freq:
    lengths.setdefault(len(word), []).append(word)
for n in sorted(lengths):
    print(n, sorted(lengths[n]))
