# A small tokenizer and evaluator written with generators.
def tokenize(text):
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            start = i
            while i < len(text) and text[i].isdigit():
                i += 1
            yield ("NUM", int(text[start:i]))
        elif ch.isalpha() or ch == "_":
            start = i
            while i < len(text) and (text[i].isalnum() or text[i] == "_"):
                i += 1
            yield ("NAME", text[start:i])
        elif ch in "+-*/()=":
            yield ("OP", ch)
            i += 1
        else:
            yield ("ERROR", ch)
            i += 1
    yield ("END", None)


for tok in tokenize("x1 = (12 + foo_bar) * 3 $"):
    print(tok)


def evaluate(tokens, env):
    tokens = list(tokens)
    pos = 0

    def peek():
        return tokens[pos]

    def advance():
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        return tok

    def atom():
        kind, value = advance()
        if kind == "NUM":
            return value
        if kind == "NAME":
            return env[value]
        if value == "(":
            v = expr()
            advance()
            return v
        return 0

    def term():
        v = atom()
        while peek() in (("OP", "*"), ("OP", "/")):
            op = advance()[1]
            v = v * atom() if op == "*" else v // atom()
        return v

    def expr():
        v = term()
        while peek() in (("OP", "+"), ("OP", "-")):
            op = advance()[1]
            v = v + term() if op == "+" else v - term()
        return v

    return expr()


print(evaluate(tokenize("2 + 3 * (4 - 1)"), {}))
print(evaluate(tokenize("width * height / 2"), {"width": 6, "height": 7}))
counts = {}
for kind, _ in tokenize("a + b * 3 - (c / 4)"):
    counts[kind] = counts.get(kind, 0) + 1
print(sorted(counts.items()))
