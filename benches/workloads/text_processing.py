# Models a text-processing benchmark: builds a deterministic document from a
# seeded RNG over a word list, then counts, transforms and reports on it.
# Stresses: str.split/join/strip/lower/upper/title/replace/startswith, dict get/
# setdefault counting, f-strings, %-formatting and str.format, sorted() with tuple
# keys (ties broken by the word itself), slicing and str concatenation.

import random

SENTENCES = 25000

WORDS = (
    "the quick brown fox jumps over lazy dog while river stones glitter under "
    "morning light and distant bells ring across quiet valley where farmers "
    "gather wheat barley corn before autumn rain returns to hills forest owl "
    "whispers secret stories about ancient kings queens castles bridges towers "
    "merchants sailors travel far beyond ocean horizon seeking silver gold spice"
).split()


def make_text(rng, sentences):
    out = []
    for _ in range(sentences):
        n = rng.randint(5, 14)
        words = [rng.choice(WORDS) for _ in range(n)]
        words[0] = words[0].capitalize()
        sentence = " ".join(words)
        if rng.random() < 0.3:
            cut = rng.randint(1, n - 1)
            sentence = " ".join(words[:cut]) + ", " + " ".join(words[cut:])
        out.append(sentence + rng.choice([".", ".", ".", "!", "?"]))
    paragraphs = []
    for i in range(0, len(out), 7):
        paragraphs.append("  " + " ".join(out[i:i + 7]) + "  ")
    return "\n\n".join(paragraphs)


def tokenize(text):
    tokens = []
    for raw in text.split():
        word = raw.strip(".,!?").lower()
        if word:
            tokens.append(word)
    return tokens


def frequencies(tokens):
    counts = {}
    for w in tokens:
        counts[w] = counts.get(w, 0) + 1
    return counts


def bigrams(tokens):
    pairs = {}
    for a, b in zip(tokens, tokens[1:]):
        pairs.setdefault(a, {})
        inner = pairs[a]
        inner[b] = inner.get(b, 0) + 1
    return pairs


def top_n(counts, n):
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def by_initial(tokens):
    groups = {}
    for w in tokens:
        groups.setdefault(w[0], []).append(w)
    return {k: len(v) for k, v in groups.items()}


def transform(text):
    lines = []
    for para in text.split("\n\n"):
        para = para.strip()
        title = para[:40].title()
        upper_count = sum(1 for ch in para if ch.isupper())
        shouty = para.upper().replace("THE ", "THE_")
        vowels = sum(shouty.count(v) for v in "AEIOU")
        lines.append(f"{title!r:>50}|{upper_count:4d}|{vowels:05d}")
        lines.append("%-12s %6.2f %x" % (para.split()[0], len(para) / 7.0, len(shouty)))
        lines.append("{0}:{1:>8}:{2:<6}|".format(len(para), para[-6:], para.count(" ")))
    return lines


def report(counts, pairs, total):
    rows = []
    for rank, (word, count) in enumerate(top_n(counts, 15), 1):
        follow = top_n(pairs.get(word, {}), 1)
        nxt = follow[0][0] if follow else "-"
        share = 100.0 * count / total
        rows.append(f"{rank:2d}. {word:<10} {count:6d} {share:6.3f}% -> {nxt}")
    return rows


def checksum_lines(lines):
    acc = 0
    for line in lines:
        for ch in line:
            acc = (acc * 33 + ord(ch)) % 1000000007
    return acc


def main():
    rng = random.Random(424242)
    text = make_text(rng, SENTENCES)
    tokens = tokenize(text)
    counts = frequencies(tokens)
    pairs = bigrams(tokens)
    initials = by_initial(tokens)
    lines = transform(text)
    rows = report(counts, pairs, len(tokens))
    for row in rows[:5]:
        print(row)
    print("tokens:", len(tokens), "distinct:", len(counts),
          "initials:", "".join(sorted(initials)))
    print("transform lines:", len(lines), "checksum:", checksum_lines(lines))
    print("report checksum:", checksum_lines(rows),
          "longest:", max(sorted(counts), key=len))


main()
