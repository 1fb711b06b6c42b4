# Models an "interpreter written in Python" benchmark: a tokenizer, a recursive-
# descent parser building an AST of node objects, and a tree-walking evaluator for
# a tiny C-like language (vars, functions, recursion, while/if, arrays), running a
# few programs written in that language.
# Stresses: str scanning and slicing, class instantiation, virtual dispatch through
# method calls (node.eval), attribute loads, dict-based environments, exceptions
# used for control flow (return), recursion depth, list indexing.

ROUNDS = 3

PROGRAMS = {
    "fib": """
        func fib(n) {
            if (n < 2) { return n; }
            return fib(n - 1) + fib(n - 2);
        }
        print(fib(15));
    """,
    "sieve": """
        var n = 3000;
        var flags = array(n + 1, 1);
        var count = 0;
        var i = 2;
        while (i <= n) {
            if (flags[i]) {
                count = count + 1;
                var j = i * i;
                while (j <= n) { flags[j] = 0; j = j + i; }
            }
            i = i + 1;
        }
        print(count);
    """,
    "collatz": """
        func steps(x) {
            var s = 0;
            while (x != 1) {
                if (x % 2 == 0) { x = x / 2; } else { x = 3 * x + 1; }
                s = s + 1;
            }
            return s;
        }
        var best = 0; var arg = 0; var k = 1;
        while (k < 700) {
            var s = steps(k);
            if (s > best) { best = s; arg = k; }
            k = k + 1;
        }
        print(arg); print(best);
    """,
    "closures": """
        func gcd(a, b) { if (b == 0) { return a; } return gcd(b, a % b); }
        func ack(m, n) {
            if (m == 0) { return n + 1; }
            if (n == 0) { return ack(m - 1, 1); }
            return ack(m - 1, ack(m, n - 1));
        }
        var total = 0; var a = 1;
        while (a < 60) {
            var b = 1;
            while (b < 40) { total = total + gcd(a * 7, b * 3); b = b + 1; }
            a = a + 1;
        }
        print(total);
        print(ack(2, 3));
        var arr = array(50, 0); var i = 0;
        while (i < 50) { arr[i] = (i * 37) % 50; i = i + 1; }
        var swapped = 1;
        while (swapped) {
            swapped = 0; i = 0;
            while (i < len(arr) - 1) {
                if (arr[i] > arr[i + 1]) {
                    var t = arr[i]; arr[i] = arr[i + 1]; arr[i + 1] = t; swapped = 1;
                }
                i = i + 1;
            }
        }
        print(arr[0] + arr[49] * 100 + arr[25] * 10000);
    """,
}

KEYWORDS = {"func", "var", "if", "else", "while", "return", "and", "or", "not"}
TWO_CHAR = {"==", "!=", "<=", ">="}
ONE_CHAR = set("+-*/%<>=(){}[],;")


class LangError(Exception):
    pass


def tokenize(src):
    tokens = []
    i = 0
    n = len(src)
    while i < n:
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            j = i
            while j < n and src[j].isdigit():
                j += 1
            tokens.append(("num", int(src[i:j])))
            i = j
        elif ch.isalpha() or ch == "_":
            j = i
            while j < n and (src[j].isalnum() or src[j] == "_"):
                j += 1
            word = src[i:j]
            tokens.append(("kw" if word in KEYWORDS else "name", word))
            i = j
        elif src[i:i + 2] in TWO_CHAR:
            tokens.append(("op", src[i:i + 2]))
            i += 2
        elif ch in ONE_CHAR:
            tokens.append(("op", ch))
            i += 1
        else:
            raise LangError(f"bad character {ch!r} at {i}")
    tokens.append(("eof", None))
    return tokens


class ReturnSignal(Exception):
    def __init__(self, value):
        self.value = value


class Env:
    __slots__ = ("vars", "parent")

    def __init__(self, parent=None):
        self.vars = {}
        self.parent = parent

    def lookup(self, name):
        env = self
        while env is not None:
            if name in env.vars:
                return env.vars
            env = env.parent
        raise LangError(f"undefined variable {name}")


class Num:
    def __init__(self, value):
        self.value = value

    def eval(self, env):
        return self.value


class Var:
    def __init__(self, name):
        self.name = name

    def eval(self, env):
        return env.lookup(self.name)[self.name]


def int_div(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


BINARY = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": int_div,
    "%": lambda a, b: a % b,
    "<": lambda a, b: int(a < b),
    ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b),
    ">=": lambda a, b: int(a >= b),
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
}


class BinOp:
    def __init__(self, op, left, right):
        self.fn = BINARY[op]
        self.left = left
        self.right = right

    def eval(self, env):
        return self.fn(self.left.eval(env), self.right.eval(env))


class Logic:
    def __init__(self, op, left, right):
        self.is_and = op == "and"
        self.left = left
        self.right = right

    def eval(self, env):
        v = self.left.eval(env)
        if self.is_and:
            return self.right.eval(env) if v else v
        return v if v else self.right.eval(env)


class Not:
    def __init__(self, operand):
        self.operand = operand

    def eval(self, env):
        return int(not self.operand.eval(env))


class Neg:
    def __init__(self, operand):
        self.operand = operand

    def eval(self, env):
        return -self.operand.eval(env)


class Index:
    def __init__(self, target, index):
        self.target = target
        self.index = index

    def eval(self, env):
        return self.target.eval(env)[self.index.eval(env)]


class Call:
    def __init__(self, name, args):
        self.name = name
        self.args = args

    def eval(self, env):
        fn = env.lookup(self.name)[self.name]
        values = [a.eval(env) for a in self.args]
        if callable(fn):
            return fn(*values)
        return fn.invoke(values)


class Function:
    def __init__(self, name, params, body, closure):
        self.name = name
        self.params = params
        self.body = body
        self.closure = closure

    def invoke(self, values):
        if len(values) != len(self.params):
            raise LangError(f"{self.name} expects {len(self.params)} arguments")
        env = Env(self.closure)
        env.vars.update(zip(self.params, values))
        try:
            for stmt in self.body:
                stmt.exec(env)
        except ReturnSignal as r:
            return r.value
        return 0


class VarDecl:
    def __init__(self, name, expr):
        self.name = name
        self.expr = expr

    def exec(self, env):
        env.vars[self.name] = self.expr.eval(env)


class Assign:
    def __init__(self, name, expr):
        self.name = name
        self.expr = expr

    def exec(self, env):
        value = self.expr.eval(env)
        env.lookup(self.name)[self.name] = value


class SetItem:
    def __init__(self, target, index, expr):
        self.target = target
        self.index = index
        self.expr = expr

    def exec(self, env):
        self.target.eval(env)[self.index.eval(env)] = self.expr.eval(env)


class ExprStmt:
    def __init__(self, expr):
        self.expr = expr

    def exec(self, env):
        self.expr.eval(env)


class If:
    def __init__(self, cond, then, otherwise):
        self.cond = cond
        self.then = then
        self.otherwise = otherwise

    def exec(self, env):
        for stmt in (self.then if self.cond.eval(env) else self.otherwise):
            stmt.exec(env)


class While:
    def __init__(self, cond, body):
        self.cond = cond
        self.body = body

    def exec(self, env):
        while self.cond.eval(env):
            for stmt in self.body:
                stmt.exec(env)


class Return:
    def __init__(self, expr):
        self.expr = expr

    def exec(self, env):
        raise ReturnSignal(self.expr.eval(env))


class FuncDef:
    def __init__(self, name, params, body):
        self.name = name
        self.params = params
        self.body = body

    def exec(self, env):
        env.vars[self.name] = Function(self.name, self.params, self.body, env)


class Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos]

    def next(self):
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def expect(self, value):
        kind, got = self.next()
        if got != value:
            raise LangError(f"expected {value!r}, got {got!r}")

    def accept(self, value):
        if self.tokens[self.pos][1] == value:
            self.pos += 1
            return True
        return False

    def program(self):
        stmts = []
        while self.peek()[0] != "eof":
            stmts.append(self.statement())
        return stmts

    def block(self):
        self.expect("{")
        stmts = []
        while not self.accept("}"):
            stmts.append(self.statement())
        return stmts

    def statement(self):
        kind, value = self.peek()
        if kind == "kw":
            if value == "func":
                self.next()
                name = self.next()[1]
                self.expect("(")
                params = []
                while not self.accept(")"):
                    params.append(self.next()[1])
                    self.accept(",")
                return FuncDef(name, params, self.block())
            if value == "var":
                self.next()
                name = self.next()[1]
                self.expect("=")
                expr = self.expression()
                self.expect(";")
                return VarDecl(name, expr)
            if value == "if":
                self.next()
                self.expect("(")
                cond = self.expression()
                self.expect(")")
                then = self.block()
                otherwise = self.block() if self.accept("else") else []
                return If(cond, then, otherwise)
            if value == "while":
                self.next()
                self.expect("(")
                cond = self.expression()
                self.expect(")")
                return While(cond, self.block())
            if value == "return":
                self.next()
                expr = self.expression()
                self.expect(";")
                return Return(expr)
        expr = self.expression()
        if self.accept("="):
            value_expr = self.expression()
            self.expect(";")
            if isinstance(expr, Var):
                return Assign(expr.name, value_expr)
            if isinstance(expr, Index):
                return SetItem(expr.target, expr.index, value_expr)
            raise LangError("cannot assign to expression")
        self.expect(";")
        return ExprStmt(expr)

    def expression(self):
        return self.logic_or()

    def logic_or(self):
        left = self.logic_and()
        while self.accept("or"):
            left = Logic("or", left, self.logic_and())
        return left

    def logic_and(self):
        left = self.comparison()
        while self.accept("and"):
            left = Logic("and", left, self.comparison())
        return left

    def comparison(self):
        left = self.additive()
        while self.peek()[1] in ("<", ">", "<=", ">=", "==", "!="):
            op = self.next()[1]
            left = BinOp(op, left, self.additive())
        return left

    def additive(self):
        left = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.next()[1]
            left = BinOp(op, left, self.term())
        return left

    def term(self):
        left = self.unary()
        while self.peek()[1] in ("*", "/", "%"):
            op = self.next()[1]
            left = BinOp(op, left, self.unary())
        return left

    def unary(self):
        if self.accept("-"):
            return Neg(self.unary())
        if self.accept("not"):
            return Not(self.unary())
        return self.postfix()

    def postfix(self):
        node = self.primary()
        while self.accept("["):
            index = self.expression()
            self.expect("]")
            node = Index(node, index)
        return node

    def primary(self):
        kind, value = self.next()
        if kind == "num":
            return Num(value)
        if kind == "name":
            if self.accept("("):
                args = []
                while not self.accept(")"):
                    args.append(self.expression())
                    self.accept(",")
                return Call(value, args)
            return Var(value)
        if value == "(":
            expr = self.expression()
            self.expect(")")
            return expr
        raise LangError(f"unexpected token {value!r}")


def run(source):
    output = []
    globals_env = Env()
    globals_env.vars.update({
        "print": lambda v: output.append(v) or 0,
        "array": lambda n, fill: [fill] * n,
        "len": len,
    })
    program = Parser(tokenize(source)).program()
    for stmt in program:
        stmt.exec(globals_env)
    return output


def main():
    for round_number in range(ROUNDS):
        for name in sorted(PROGRAMS):
            results = run(PROGRAMS[name])
            if round_number == ROUNDS - 1:
                print(f"{name}: {results}")
    try:
        run("var x = 1; y = x + 1;")
    except LangError as e:
        print("error:", e)


main()
