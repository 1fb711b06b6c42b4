# A small exception hierarchy used by a parser.
class ParseError(Exception):
    def __init__(self, message, line):
        super().__init__(message)
        self.line = line

    def __str__(self):
        return "line %d: %s" % (self.line, self.args[0])

class UnexpectedToken(ParseError):
    def __init__(self, token, line):
        super().__init__("unexpected token %r" % token, line)
        self.token = token

class UnexpectedEnd(ParseError):
    pass

def parse(lines):
    stack = []
    for number, text in enumerate(lines, 1):
        for token in text.split():
            if token == "(":
                stack.append(number)
            elif token == ")":
                if not stack:
                    raise UnexpectedToken(token, number)
                stack.pop()
            elif not token.isalnum():
                raise UnexpectedToken(token, number)
    if stack:
        raise UnexpectedEnd("unclosed '(' from line %d" % stack[-1], len(lines))
    return "ok"

for source in [["( a b )", "( c )"], ["( a", "b ) )"], ["( a", "( b )"], ["a + b"]]:
    try:
        print(parse(source))
    except UnexpectedToken as e:
        print("UnexpectedToken:", e, "| token:", e.token)
    except ParseError as e:
        print(type(e).__name__ + ":", e)

errors = [UnexpectedToken(")", 3), UnexpectedEnd("eof", 9)]
print([str(e) for e in errors])
print([isinstance(e, ParseError) for e in errors])
