//! Compiler tests: SyntaxError kinds, messages and positions (checked against CPython 3.11),
//! the shapes of generated code, and robustness on hostile input.

use super::*;
use crate::bytecode::dis::disassemble;
use crate::bytecode::opcodes::{decode, Op};
use crate::value::Value;

fn compile_ok(src: &str) -> Rc<Code> {
    match compile(src, "<test>", Mode::Module) {
        Ok(code) => code,
        Err(e) => panic!("unexpected error for {src:?}: {e} (col {})", e.col),
    }
}

fn compile_err(src: &str) -> CompileError {
    match compile(src, "<test>", Mode::Module) {
        Ok(code) => panic!("expected a SyntaxError for {src:?}, got:\n{}", disassemble(&code)),
        Err(e) => e,
    }
}

/// Run `f` on a thread with the interpreter's stack size (deep inputs need it in debug builds).
fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .expect("thread spawns")
        .join()
        .expect("no panic")
}

/// The opcodes of a code object, in order (ExtendedArg prefixes included).
fn ops(code: &Code) -> Vec<Op> {
    code.words.iter().filter_map(|w| Op::from_u8(decode(w).0)).collect()
}

fn find_code(code: &Code, name: &str) -> Option<Rc<Code>> {
    code.consts.iter().find_map(|c| match c {
        Value::Code(inner) if &*inner.name == name => Some(inner.clone()),
        Value::Code(inner) => find_code(inner, name),
        _ => None,
    })
}

fn nested_code(code: &Code, name: &str) -> Rc<Code> {
    find_code(code, name).unwrap_or_else(|| panic!("no code object named {name}"))
}

/// (source, IndentationError?, message, line, column), recorded from CPython 3.11.
const SYNTAX_ERRORS: &[(&str, bool, &str, u32, u32)] = &[
    ("x = (1,\n", false, "'(' was never closed", 1, 5),
    ("if x\n  pass\n", false, "expected ':'", 1, 5),
    ("if x:\npass\n", true, "expected an indented block after 'if' statement on line 1", 2, 1),
    ("for x in range(3):\npass\n", true, "expected an indented block after 'for' statement on line 1", 2, 1),
    ("def f():\npass\n", true, "expected an indented block after function definition on line 1", 2, 1),
    ("if x:\n  pass\nelif y:\npass\n", true, "expected an indented block after 'elif' statement on line 3", 4, 1),
    ("  x = 1\n", true, "unexpected indent", 1, 2),
    ("x=1\n  y=2\n", true, "unexpected indent", 2, 2),
    ("if x:\n    a\n  b\n", true, "unindent does not match any outer indentation level", 3, 4),
    ("if True:\n\tx = 1\n        y = 2\n", true, "inconsistent use of tabs and spaces in indentation", 3, 1),
    ("x = 'abc\n", false, "unterminated string literal (detected at line 1)", 1, 5),
    ("x = '''abc\n\n", false, "unterminated triple-quoted string literal (detected at line 2)", 1, 5),
    ("print(1 2)\n", false, "invalid syntax. Perhaps you forgot a comma?", 1, 7),
    ("1 = x\n", false, "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1),
    ("f() = 1\n", false, "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
    ("x = 1 = y\n", false, "cannot assign to literal", 1, 5),
    ("a if b else c = 1\n", false, "cannot assign to conditional expression", 1, 1),
    ("True = 1\n", false, "cannot assign to True", 1, 1),
    ("f(True=1)\n", false, "cannot assign to True", 1, 3),
    ("del f()\n", false, "cannot delete function call", 1, 5),
    ("x = )\n", false, "unmatched ')'", 1, 5),
    ("x = (1, 2]\n", false, "closing parenthesis ']' does not match opening parenthesis '('", 1, 10),
    ("x = (\n1,\n2]\n", false, "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 3, 2),
    ("x = [1, 2\ny = 3\n", false, "'[' was never closed", 1, 5),
    ("foo(\n  1,\n  2\n", false, "'(' was never closed", 1, 4),
    ("a b\n", false, "invalid syntax", 1, 3),
    ("x = $\n", false, "invalid syntax", 1, 5),
    ("return 1\n", false, "'return' outside function", 1, 1),
    ("break\n", false, "'break' outside loop", 1, 1),
    ("continue\n", false, "'continue' not properly in loop", 1, 1),
    ("while 1:\n  def f():\n    break\n", false, "'break' outside loop", 3, 5),
    ("def f():\n    x = 1\n    global x\n", false, "name 'x' is assigned to before global declaration", 3, 5),
    ("def f():\n    print(x)\n    global x\n", false, "name 'x' is used prior to global declaration", 3, 5),
    ("nonlocal x\n", false, "nonlocal declaration not allowed at module level", 1, 1),
    ("def f():\n    nonlocal x\n", false, "no binding for nonlocal 'x' found", 2, 5),
    ("def f(a, a): pass\n", false, "duplicate argument 'a' in function definition", 1, 10),
    ("def f(a):\n    global a\n", false, "name 'a' is parameter and global", 2, 5),
    ("def f():\n  global x\n  nonlocal x\n", false, "name 'x' is nonlocal and global", 2, 3),
    ("f(x for x in y, 1)\n", false, "Generator expression must be parenthesized", 1, 3),
    ("f(a=1, a=2)\n", false, "keyword argument repeated: a", 1, 8),
    ("f(**k, *a)\n", false, "iterable argument unpacking follows keyword argument unpacking", 1, 8),
    ("x = 0777\n", false, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5),
    ("x = 1_\n", false, "invalid decimal literal", 1, 6),
    ("x = 0x1g\n", false, "invalid hexadecimal literal", 1, 7),
    ("x = 0b12\n", false, "invalid digit '2' in binary literal", 1, 8),
    ("def f(a=1, b): pass\n", false, "non-default argument follows default argument", 1, 12),
    ("def f(*): pass\n", false, "named arguments must follow bare *", 1, 7),
    ("def f(x, /, y, /): pass\n", false, "/ may appear only once", 1, 16),
    ("*a = 1\n", false, "starred assignment target must be in a list or tuple", 1, 1),
    ("a, *b, *c = x\n", false, "multiple starred expressions in assignment", 1, 1),
    ("(a, b) += 1\n", false, "'tuple' is an illegal expression for augmented assignment", 1, 1),
    ("x = yield = 3\n", false, "assignment to yield expression not possible", 1, 5),
    ("f'{x!z}'\n", false, "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 6),
    ("[i := 0 for i in range(3)]\n", false, "assignment expression cannot rebind comprehension iteration variable 'i'", 1, 2),
    (
        "x = [i for i in range(3) if (j := i) for j in y]\n",
        false,
        "comprehension inner loop cannot rebind assignment expression target 'j'",
        1,
        42,
    ),
    ("x = 5 if y\n", false, "expected 'else' after 'if' expression", 1, 5),
    ("print 'hello'\n", false, "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1),
    ("d = {'a': 1 'b': 2}\n", false, "invalid syntax. Perhaps you forgot a comma?", 1, 11),
    ("d = {1: 2, 3}\n", false, "':' expected after dictionary key", 1, 12),
    ("if x = 1:\n  pass\n", false, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4),
    ("try:\n  pass\n", false, "expected 'except' or 'finally' block", 2, 7),
    ("x = \\ 1\n", false, "unexpected character after line continuation character", 1, 6),
    ("def f\n", false, "expected '('", 1, 6),
    ("x = f'{x:{y:{z}}}'\n", false, "f-string: expressions nested too deeply", 1, 13),
];

#[test]
fn syntax_errors_match_cpython() {
    let mut failures = Vec::new();
    for &(src, indentation, msg, line, col) in SYNTAX_ERRORS {
        let e = compile_err(src);
        if (e.indentation, e.msg.as_str(), e.line, e.col) != (indentation, msg, line, col) {
            failures.push(format!(
                "{src:?}\n   expected {indentation} {msg:?} {line}:{col}\n   got      {} {:?} {}:{}",
                e.indentation, e.msg, e.line, e.col
            ));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn error_carries_the_source_line() {
    let e = compile_err("x = 1\ny = (2 +\n");
    assert_eq!(e.text, "y = (2 +");
    assert_eq!(e.filename, "<test>");
    let e = compile_err("s = 'é' + ç + $\n");
    assert_eq!((e.line, e.col), (1, 15), "columns count characters, not bytes");
}

#[test]
fn unsupported_constructs_are_named() {
    for (src, what) in [
        ("class A(*b):\n  pass\n", "'*' and '**' in class bases"),
        ("try:\n  pass\nexcept* E:\n  pass\n", "'except*' (exception groups)"),
        ("x = 1j\n", "complex literals"),
        ("async def f():\n  pass\n", "'async def' functions"),
    ] {
        let e = compile_err(src);
        assert!(e.msg.contains(what) && e.msg.contains("not supported by swallow yet"), "{src:?}: {}", e.msg);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    on_big_stack(|| {
        let parens = format!("x = {}1{}\n", "(".repeat(10_000), ")".repeat(10_000));
        let e = compile_err(&parens);
        assert_eq!((e.msg.as_str(), e.line, e.col), ("too many nested parentheses", 1, 205));
        let ok = format!("x = {}1{}\n", "(".repeat(199), ")".repeat(199));
        compile_ok(&ok);
        let unary = format!("x = {}1\n", "-".repeat(100_000));
        assert!(compile_err(&unary).msg.contains("maximum recursion depth"));
        let sum = format!("x = {}\n", vec!["1"; 100_000].join("+"));
        assert!(compile_err(&sum).msg.contains("maximum recursion depth"));
        let mut blocks = String::new();
        for depth in 0..3000 {
            blocks.push_str(&" ".repeat(depth));
            blocks.push_str("if x:\n");
        }
        blocks.push_str(&" ".repeat(3000));
        blocks.push_str("pass\n");
        let _ = compile(&blocks, "<test>", Mode::Module);
        // Moderate depth still compiles.
        compile_ok(&format!("x = {}1\n", "-".repeat(1000)));
        compile_ok(&format!("x = {}\n", vec!["1"; 1000].join("+")));
    });
}

#[test]
fn too_many_nested_loops() {
    let mut src = String::new();
    for depth in 0..21 {
        src.push_str(&"  ".repeat(depth));
        src.push_str("while x:\n");
    }
    src.push_str(&"  ".repeat(21));
    src.push_str("pass\n");
    assert_eq!(compile_err(&src).msg, "too many statically nested blocks");
}

#[test]
fn constants_are_deduplicated_but_kept_distinct_by_type() {
    let code = compile_ok("a = (1, 1.0, True, 0.0, -0.0)\nb = 1\nc = 1.0\nd = 'x'\ne = 'x'\n");
    let consts: Vec<String> = code.consts.iter().map(crate::bytecode::dis::const_repr).collect();
    assert_eq!(consts, ["(1, 1.0, True, 0.0, -0.0)", "1", "1.0", "'x'", "None"]);
    let code = compile_ok("x = 1\ny = True\nz = 1.0\nw = -0.0\nv = 0.0\n");
    let consts: Vec<String> = code.consts.iter().map(crate::bytecode::dis::const_repr).collect();
    assert_eq!(consts, ["1", "True", "1.0", "-0.0", "0.0", "None"]);
}

#[test]
fn big_and_negative_int_literals() {
    let code = compile_ok("a = 99999999999999999999\nb = -9223372036854775808\nc = 0xFFFFFFFFFFFFFFFFFF\nd = 1_000\n");
    assert!(matches!(&code.consts[0], Value::BigInt(b) if b.to_string() == "99999999999999999999"));
    assert!(matches!(code.consts[1], Value::Int(i64::MIN)));
    assert!(matches!(&code.consts[2], Value::BigInt(b) if b.to_string() == "4722366482869645213695"));
    assert!(matches!(code.consts[3], Value::Int(1000)));
}

#[test]
fn module_and_function_shapes() {
    let code = compile_ok("def f(a, /, b=2, *args, c, d=4, **kw):\n    return a\n");
    assert_eq!(code.flags & crate::bytecode::code::flags::NAMESPACE, crate::bytecode::code::flags::NAMESPACE);
    let f = nested_code(&code, "f");
    assert_eq!((f.argcount, f.posonlyargcount, f.kwonlyargcount), (2, 1, 2));
    let names: Vec<&str> = f.varnames.iter().map(|s| &**s).collect();
    assert_eq!(names, ["a", "b", "c", "d", "args", "kw"]);
    use crate::bytecode::code::flags::{VARARGS, VARKEYWORDS};
    assert_eq!(f.flags, VARARGS | VARKEYWORDS);
    assert_eq!(&*f.qualname, "f");
    assert_eq!(ops(&code), [Op::LoadConst, Op::LoadConst, Op::LoadConst, Op::BuildMap, Op::LoadConst, Op::MakeFunction, Op::StoreName, Op::LoadConst, Op::ReturnValue]);
    assert_eq!(decode(code.words.get(5).unwrap()).1, 3, "defaults and kw-defaults flags");
}

#[test]
fn closures_use_cells_and_cell_params() {
    let code = compile_ok("def outer(a, b):\n    def inner():\n        return a\n    return inner\n");
    let outer = nested_code(&code, "outer");
    assert_eq!(outer.cellvars.iter().map(|s| &**s).collect::<Vec<_>>(), ["a"]);
    assert_eq!(&*outer.cell_params, &[(0, 0)]);
    assert_eq!(ops(&outer)[..3], [Op::LoadClosure, Op::BuildTuple, Op::LoadConst]);
    let inner = nested_code(&outer, "inner");
    assert_eq!(&*inner.qualname, "outer.<locals>.inner");
    assert_eq!(inner.freevars.iter().map(|s| &**s).collect::<Vec<_>>(), ["a"]);
    assert_eq!(ops(&inner), [Op::LoadDeref, Op::ReturnValue]);
}

#[test]
fn interactive_mode_prints_expressions() {
    let code = compile("1 + 1\nx = 2\nx\n", "<stdin>", Mode::Interactive).unwrap();
    let printed = ops(&code).iter().filter(|o| **o == Op::PrintExpr).count();
    assert_eq!(printed, 2);
    let code = compile("'doc'\n", "<stdin>", Mode::Interactive).unwrap();
    assert!(ops(&code).contains(&Op::PrintExpr), "a string expression is printed in the REPL");
    let code = compile("'doc'\nx = 1\n", "<test>", Mode::Module).unwrap();
    assert!(!ops(&code).contains(&Op::PopTop), "docstrings are not emitted");
}

#[test]
fn stack_depth_and_lines_are_consistent() {
    let code = compile_ok("x = [1, 2, (3, y)]\nprint(x,\n      y)\n");
    assert_eq!(code.words.len(), code.lines.len());
    assert_eq!(code.stacksize, 4);
    assert!(code.lines.iter().all(|&l| (1..=3).contains(&l)));
}

#[test]
fn jumps_stay_inside_the_code() {
    let src = "for i in range(3):\n    while i:\n        if i > 1 and i < 5 or not i:\n            break\n        i -= 1\n    else:\n        continue\nelse:\n    pass\n";
    let code = compile_ok(src);
    for w in code.words.iter() {
        let (byte, arg) = decode(w);
        if let Some(op) = Op::from_u8(byte) {
            if op.info().operand == crate::bytecode::opcodes::Operand::Jump {
                assert!((arg as usize) < code.words.len());
            }
        }
    }
}

/// A small deterministic generator for the mutation test.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn never_panics_on_mutated_programs() {
    let seeds = [
        "def f(a, *b, c=1, **d):\n    x = [i for i in b if i]\n    return {k: v for k, v in d.items()}, f'{a!r:>{c}}'\n",
        "for i in range(10):\n    if i % 2:\n        continue\n    while i:\n        i -= 1\n        break\nelse:\n    pass\n",
        "import a.b as c\nfrom .x import (y, z)\nx, *y = 1, 2, 3\nobj.attr[1:2] += 3\ndel a, b[0]\nassert x, 'm'\n",
        "g = lambda x=1, *a, k, **kw: (x, a, k, kw)\nprint(*g(k=2), sep='', **{'end': '\\n'})\n",
    ];
    let pieces = ["(", ")", "[", "]", "{", "}", ":", "=", "*", "**", "\n", "    ", "\t", "'", "\"", "f'", "{x}", "lambda", "yield", "nonlocal x", "global y", ",", ".", "@", "\\", "#", "1_", "0x", "é", ":=", "return", "break", "if", "else", "for", "in", "not"];
    let iterations: usize = std::env::var("SWALLOW_FUZZ_ITERATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    on_big_stack(move || {
        let mut rng = Lcg(42);
        for seed in seeds {
            for _ in 0..iterations {
                let mut chars: Vec<char> = seed.chars().collect();
                for _ in 0..(1 + rng.next() % 4) {
                    let pos = (rng.next() as usize) % (chars.len() + 1);
                    match rng.next() % 3 {
                        0 if pos < chars.len() => {
                            chars.remove(pos);
                        }
                        1 => {
                            let piece = pieces[(rng.next() as usize) % pieces.len()];
                            for (k, c) in piece.chars().enumerate() {
                                chars.insert((pos + k).min(chars.len()), c);
                            }
                        }
                        _ => {
                            if pos < chars.len() {
                                let other = (rng.next() as usize) % chars.len();
                                chars.swap(pos, other);
                            }
                        }
                    }
                }
                let src: String = chars.into_iter().collect();
                for mode in [Mode::Module, Mode::Interactive] {
                    match compile(&src, "<fuzz>", mode) {
                        Ok(code) => {
                            let _ = disassemble(&code);
                        }
                        Err(e) => assert!(!e.msg.contains("internal compiler error"), "{src:?}: {}", e.msg),
                    }
                }
            }
        }
    });
}

#[test]
fn constant_folding_is_conservative() {
    let code = compile_ok("a = 2**10\nb = 7 // -2\nc = -7 % 3\nd = 'ab' * 2\ne = 1/0\nf = 2**200\ng = True + 1\nh = 10**-2\n");
    let consts: Vec<String> = code.consts.iter().map(crate::bytecode::dis::const_repr).collect();
    for folded in ["1024", "-4", "2", "'abab'"] {
        assert!(consts.contains(&folded.to_string()), "{folded} folded: {consts:?}");
    }
    // Errors, huge results, bools and negative powers are left for run time.
    let binary = [Op::BinaryOp, Op::BinaryAdd, Op::BinarySub, Op::BinaryMul];
    let binops = ops(&code).iter().filter(|o| binary.contains(o)).count();
    assert_eq!(binops, 4);
}

#[test]
fn null_bytes_and_invisible_characters() {
    assert_eq!(compile_err("x = 1\0\n").msg, "source code cannot contain null bytes");
    let e = compile_err("x = \u{200b}1\n");
    assert_eq!((e.msg.as_str(), e.col), ("invalid non-printable character U+200B", 5));
    assert_eq!(compile_err("x = a€\n").msg, "invalid character '€' (U+20AC)");
    compile_ok("\u{feff}x = 1\n");
}
