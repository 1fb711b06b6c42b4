# A small word-count tool: writes a text, then reads it back line by line and reports
# line/word/char counts and the most common words.
import os
import sys

TEXT = """The quick brown fox jumps over the lazy dog.
The dog sleeps; the fox runs away.

A fox, a dog, and the end of the story.
"""

name = "_tmp_io_wordcount_" + sys.implementation.name + ".txt"
with open(name, "w") as out:
    out.write(TEXT)

counts = {}
lines = words = chars = 0
with open(name) as f:
    while True:
        line = f.readline()
        if not line:
            break
        lines += 1
        chars += len(line)
        for raw in line.split():
            word = raw.strip(".,;").lower()
            if word:
                words += 1
                counts[word] = counts.get(word, 0) + 1
os.remove(name)

print(f"{lines:>4} lines {words:>4} words {chars:>4} chars")
ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in ranked[:5]:
    print(f"{word:<6} {'#' * n} {n}")
