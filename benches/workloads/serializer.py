# Models a JSON encode/decode benchmark with both halves written in Python: a
# recursive encoder (string escaping, ints, floats via repr, nested dicts/lists,
# booleans/None) and a hand-written recursive-descent parser, checked for an exact
# round trip and cross-checked against the json module. Stresses: recursion,
# isinstance dispatch, str building with lists and join, per-character scanning
# with indexing, str methods, dict/list construction.

import json
import random

DOCUMENTS = 1100
DEPTH = 4

ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b",
           "\f": "\\f"}
UNESCAPES = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r", "b": "\b",
             "f": "\f"}


def encode_string(s, out):
    out.append('"')
    start = 0
    for i, ch in enumerate(s):
        if ch in ESCAPES or ch < " ":
            out.append(s[start:i])
            out.append(ESCAPES.get(ch) or "\\u%04x" % ord(ch))
            start = i + 1
    out.append(s[start:])
    out.append('"')


def encode(value, out):
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        out.append(repr(value))
    elif isinstance(value, str):
        encode_string(value, out)
    elif isinstance(value, list):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            encode(item, out)
        out.append("]")
    elif isinstance(value, dict):
        out.append("{")
        first = True
        for key, item in value.items():
            if not first:
                out.append(",")
            first = False
            encode_string(key, out)
            out.append(":")
            encode(item, out)
        out.append("}")
    else:
        raise TypeError(f"cannot encode {type(value).__name__}")


def dumps(value):
    out = []
    encode(value, out)
    return "".join(out)


class Parser:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def error(self, what):
        raise ValueError(f"{what} at offset {self.pos}")

    def skip_ws(self):
        text = self.text
        pos = self.pos
        while pos < len(text) and text[pos] in " \t\n\r":
            pos += 1
        self.pos = pos

    def parse(self):
        value = self.value()
        self.skip_ws()
        if self.pos != len(self.text):
            self.error("trailing data")
        return value

    def value(self):
        self.skip_ws()
        if self.pos >= len(self.text):
            self.error("unexpected end")
        ch = self.text[self.pos]
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.array()
        if ch == '"':
            return self.string()
        if ch == "-" or ch.isdigit():
            return self.number()
        for word, result in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return result
        self.error(f"unexpected {ch!r}")

    def obj(self):
        self.pos += 1
        result = {}
        self.skip_ws()
        if self.text[self.pos] == "}":
            self.pos += 1
            return result
        while True:
            self.skip_ws()
            if self.text[self.pos] != '"':
                self.error("expected key")
            key = self.string()
            self.skip_ws()
            if self.text[self.pos] != ":":
                self.error("expected ':'")
            self.pos += 1
            result[key] = self.value()
            self.skip_ws()
            ch = self.text[self.pos]
            self.pos += 1
            if ch == "}":
                return result
            if ch != ",":
                self.error("expected ',' or '}'")

    def array(self):
        self.pos += 1
        result = []
        self.skip_ws()
        if self.text[self.pos] == "]":
            self.pos += 1
            return result
        while True:
            result.append(self.value())
            self.skip_ws()
            ch = self.text[self.pos]
            self.pos += 1
            if ch == "]":
                return result
            if ch != ",":
                self.error("expected ',' or ']'")

    def string(self):
        text = self.text
        pos = self.pos + 1
        parts = []
        start = pos
        while True:
            ch = text[pos]
            if ch == '"':
                parts.append(text[start:pos])
                self.pos = pos + 1
                return "".join(parts)
            if ch == "\\":
                parts.append(text[start:pos])
                esc = text[pos + 1]
                if esc == "u":
                    parts.append(chr(int(text[pos + 2:pos + 6], 16)))
                    pos += 6
                else:
                    parts.append(UNESCAPES[esc])
                    pos += 2
                start = pos
            else:
                pos += 1

    def number(self):
        text = self.text
        start = self.pos
        pos = start
        if text[pos] == "-":
            pos += 1
        is_float = False
        while pos < len(text) and (text[pos].isdigit() or text[pos] in ".eE+-"):
            if text[pos] in ".eE":
                is_float = True
            pos += 1
        self.pos = pos
        literal = text[start:pos]
        return float(literal) if is_float else int(literal)


def random_string(rng):
    alphabet = 'abcdefghij KLMNOP"\\\n\t/\x01é€'
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


def random_value(rng, depth):
    kind = rng.randint(0, 9 if depth > 0 else 5)
    if kind == 0:
        return rng.randint(-10 ** 6, 10 ** 6)
    if kind == 1:
        return round(rng.uniform(-1000.0, 1000.0), rng.randint(0, 6))
    if kind == 2:
        return random_string(rng)
    if kind == 3:
        return rng.choice([True, False, None])
    if kind == 4:
        return rng.randint(0, 99) * 10 ** rng.randint(0, 25)
    if kind == 5:
        return rng.random() * 10 ** rng.randint(-8, 8)
    if kind <= 7:
        return [random_value(rng, depth - 1) for _ in range(rng.randint(0, 6))]
    return {f"k{rng.randint(0, 999)}_{random_string(rng)[:4]}": random_value(rng, depth - 1)
            for _ in range(rng.randint(0, 6))}


def checksum(text):
    acc = 0
    for ch in text[::7]:
        acc = (acc * 257 + ord(ch)) % 1000000007
    return acc


def main():
    rng = random.Random(777)
    total_chars = 0
    check = 0
    docs = [[random_value(rng, DEPTH) for _ in range(8)] for _ in range(DOCUMENTS)]
    for i, doc in enumerate(docs):
        text = dumps(doc)
        back = Parser(text).parse()
        if back != doc:
            raise AssertionError("round trip mismatch")
        again = dumps(back)
        if again != text:
            raise AssertionError("re-encoding differs")
        if i % 5 == 0:
            # Cross-check against the json module: same text, same value back.
            if json.dumps(doc, ensure_ascii=False, separators=(",", ":")) != text:
                raise AssertionError("differs from json.dumps")
            if json.loads(text) != doc:
                raise AssertionError("json.loads disagrees")
        total_chars += len(text)
        check = (check * 31 + checksum(text)) % 1000000007
    sample = dumps(docs[0][:2])
    print("documents:", len(docs), "chars:", total_chars, "checksum:", check)
    print("sample:", sample[:70])
    try:
        Parser('{"a": [1, 2,, 3]}').parse()
    except ValueError as e:
        print("error:", e)


main()
