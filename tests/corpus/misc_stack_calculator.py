def tokenize(expr):
    tokens, num = [], ""
    for ch in expr + " ":
        if ch.isdigit():
            num += ch
            continue
        if num:
            tokens.append(int(num))
            num = ""
        if ch in "+-*/()":
            tokens.append(ch)
    return tokens
PREC = {"+": 1, "-": 1, "*": 2, "/": 2}
def to_rpn(tokens):
    out, ops = [], []
    for t in tokens:
        if isinstance(t, int):
            out.append(t)
        elif t == "(":
            ops.append(t)
        elif t == ")":
            while ops[-1] != "(":
                out.append(ops.pop())
            ops.pop()
        else:
            while ops and ops[-1] != "(" and PREC[ops[-1]] >= PREC[t]:
                out.append(ops.pop())
            ops.append(t)
    return out + ops[::-1]
def evaluate(rpn):
    stack = []
    for t in rpn:
        if not isinstance(t, int):
            b, a = stack.pop(), stack.pop()
            t = (a + b if t == "+" else a - b if t == "-" else a * b if t == "*" else a // b)
        stack.append(t)
    return stack[0]
for e in ["1 + 2 * 3", "(1 + 2) * 3", "100 / 7 - 2", "2 * (3 + 4) * (5 - 1)", "42"]:
    rpn = to_rpn(tokenize(e))
    print(e, "=>", rpn, "=", evaluate(rpn))
