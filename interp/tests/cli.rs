//! The `swallow` command line, tested as a user sees it: exit statuses, `-c`, programs on
//! stdin, `sys.argv`, `--version`, error messages and their exact format (checked against what
//! CPython 3.11 prints, with `python3` replaced by `swallow` and without the `^^^` markers
//! under failing expressions), and no crash on hostile input.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Output {
    status: i32,
    stdout: String,
    stderr: String,
}

/// A fresh empty directory for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("swallow-cli-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn write(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Run swallow with `args` in `cwd`, feeding `stdin`; fails the test if it hangs.
fn swallow_in(cwd: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_swallow"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn swallow");
    let mut child_stdin = child.stdin.take().expect("stdin pipe");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = child_stdin.write_all(&input);
    });
    let mut stdout_pipe = child.stdout.take().expect("stdout pipe");
    let mut stderr_pipe = child.stderr.take().expect("stderr pipe");
    let stdout_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout_pipe.read_to_end(&mut buf);
        buf
    });
    let stderr_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("swallow {args:?} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let _ = writer.join();
    let stdout = String::from_utf8_lossy(&stdout_reader.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&stderr_reader.join().unwrap_or_default()).into_owned();
    // A signal (e.g. SIGSEGV from a stack overflow, SIGABRT) shows up as no exit code.
    let status = status.code().unwrap_or_else(|| panic!("swallow {args:?} was killed by a signal; stderr:\n{stderr}"));
    assert_ne!(status, 70, "swallow {args:?} hit an internal error:\n{stderr}");
    Output { status, stdout, stderr }
}

fn swallow(args: &[&str]) -> Output {
    swallow_in(&std::env::temp_dir(), args, b"")
}

fn last_line(text: &str) -> &str {
    text.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("")
}

// ---- options -------------------------------------------------------------------------------

#[test]
fn version_prints_swallow_and_python_version() {
    for flag in ["--version", "-V"] {
        let out = swallow(&[flag]);
        assert_eq!(out.status, 0);
        assert_eq!(out.stdout, format!("swallow {} (Python 3.11 compatible)\n", env!("CARGO_PKG_VERSION")));
        assert_eq!(out.stderr, "");
    }
}

#[test]
fn help_prints_usage() {
    let out = swallow(&["--help"]);
    assert_eq!(out.status, 0);
    assert!(out.stdout.starts_with("usage: swallow [option] ... [-c cmd | file | -] [arg] ..."), "{}", out.stdout);
}

#[test]
fn unknown_option_is_a_usage_error() {
    let out = swallow(&["-Z"]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.stderr,
        "Unknown option: -Z\nusage: swallow [option] ... [-c cmd | file | -] [arg] ...\nTry `swallow -h' for more information.\n"
    );
    let out = swallow(&["--frobnicate"]);
    assert_eq!(out.status, 2);
    assert!(out.stderr.starts_with("unknown option --frobnicate\nusage: swallow"), "{}", out.stderr);
    let out = swallow(&["-c"]);
    assert_eq!(out.status, 2);
    assert!(out.stderr.starts_with("Argument expected for the -c option\n"), "{}", out.stderr);
}

#[test]
fn missing_file_gives_absolute_path_and_status_2() {
    let dir = TempDir::new();
    let out = swallow_in(dir.path(), &["nonexistent.py"], b"");
    assert_eq!(out.status, 2);
    let expected_path = std::path::absolute(dir.path().join("nonexistent.py")).expect("absolute path");
    assert_eq!(
        out.stderr,
        format!("swallow: can't open file '{}': [Errno 2] No such file or directory\n", expected_path.display())
    );
    assert_eq!(out.stdout, "");
}

#[test]
fn directory_as_program() {
    let dir = TempDir::new();
    let out = swallow(&[dir.path().to_str().expect("utf-8 temp path")]);
    assert_eq!(out.status, 1);
    assert_eq!(out.stderr, format!("swallow: can't find '__main__' module in '{}'\n", dir.path().display()));
}

// ---- source decoding (independent of the compiler) -------------------------------------------

#[test]
fn invalid_utf8_source_is_a_syntax_error() {
    let dir = TempDir::new();
    let path = dir.write("bad.py", b"x = 1\nprint(\xff)\n");
    let out = swallow_in(dir.path(), &["bad.py"], b"");
    assert_eq!(out.status, 1);
    assert_eq!(
        out.stderr,
        format!(
            "SyntaxError: Non-UTF-8 code starting with '\\xff' in file {} on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details\n",
            path.display()
        )
    );
}

#[test]
fn nul_byte_in_source_is_a_syntax_error() {
    let dir = TempDir::new();
    let path = dir.write("nul.py", b"x=1\ny=2\0\n");
    let out = swallow_in(dir.path(), &["nul.py"], b"");
    assert_eq!(out.status, 1);
    assert_eq!(
        out.stderr,
        format!("  File \"{}\", line 2\n    y=2\nSyntaxError: source code cannot contain null bytes\n", path.display())
    );
    let path = dir.write("nul_first.py", b"\0x = 1\n");
    let out = swallow_in(dir.path(), &["nul_first.py"], b"");
    assert_eq!(
        out.stderr,
        format!("  File \"{}\", line 1\n    \nSyntaxError: source code cannot contain null bytes\n", path.display())
    );
}

#[test]
fn unknown_coding_cookie() {
    let dir = TempDir::new();
    dir.write("cookie.py", b"# -*- coding: klingon -*-\nprint(1)\n");
    let out = swallow_in(dir.path(), &["cookie.py"], b"");
    assert_eq!(out.status, 1);
    assert_eq!(out.stderr, "SyntaxError: encoding problem: klingon\n");
}

// ---- running programs --------------------------------------------------------------------------

#[test]
fn argv_of_a_file_program() {
    let dir = TempDir::new();
    dir.write("argv.py", b"import sys\nprint(sys.argv)\n");
    let out = swallow_in(dir.path(), &["argv.py", "1", "-c", "--x"], b"");
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout, "['argv.py', '1', '-c', '--x']\n");
    assert_eq!(out.status, 0);
}

#[test]
fn dash_c_program_and_argv() {
    let out = swallow(&["-c", "import sys; print(sys.argv)", "a", "-V"]);
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout, "['-c', 'a', '-V']\n");
    assert_eq!(out.status, 0);
}

#[test]
fn program_on_stdin() {
    let dir = TempDir::new();
    let out = swallow_in(dir.path(), &[], b"import sys\nprint(sys.argv, 6 * 7)\n");
    assert_eq!((out.stdout.as_str(), out.stderr.as_str(), out.status), ("[''] 42\n", "", 0));
    let out = swallow_in(dir.path(), &["-", "x", "y"], b"import sys\nprint(sys.argv)\n");
    assert_eq!((out.stdout.as_str(), out.stderr.as_str(), out.status), ("['-', 'x', 'y']\n", "", 0));
}

#[test]
fn bom_and_coding_cookie_are_accepted() {
    let dir = TempDir::new();
    dir.write("bom.py", b"\xef\xbb\xbfprint('bom')\n");
    let out = swallow_in(dir.path(), &["bom.py"], b"");
    assert_eq!((out.stdout.as_str(), out.status), ("bom\n", 0), "{}", out.stderr);
    dir.write("latin.py", b"# -*- coding: latin-1 -*-\nprint('\xe9')\n");
    let out = swallow_in(dir.path(), &["latin.py"], b"");
    assert_eq!((out.stdout.as_str(), out.status), ("\u{e9}\n", 0), "{}", out.stderr);
}

#[test]
fn empty_and_comment_only_programs() {
    let dir = TempDir::new();
    dir.write("empty.py", b"");
    dir.write("comments.py", b"# only\n# comments\n");
    for name in ["empty.py", "comments.py"] {
        let out = swallow_in(dir.path(), &[name], b"");
        assert_eq!((out.status, out.stdout.as_str(), out.stderr.as_str()), (0, "", ""), "{name}");
    }
}

// ---- uncaught exceptions -----------------------------------------------------------------------

#[test]
fn uncaught_exception_in_dash_c() {
    let out = swallow(&["-c", "1/0"]);
    assert_eq!(out.status, 1);
    assert_eq!(out.stderr, "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nZeroDivisionError: division by zero\n");
}

#[test]
fn final_line_formats() {
    let out = swallow(&["-c", "assert 1 == 2"]);
    assert_eq!((out.status, last_line(&out.stderr)), (1, "AssertionError"));
    let out = swallow(&["-c", "d = {}; d['x']"]);
    assert_eq!((out.status, last_line(&out.stderr)), (1, "KeyError: 'x'"));
    let out = swallow(&["-c", "raise KeyError('')"]);
    assert_eq!(last_line(&out.stderr), "KeyError: ''");
    let out = swallow(&["-c", "raise Exception('')"]);
    assert_eq!(last_line(&out.stderr), "Exception");
}

#[test]
fn traceback_of_a_file_shows_source_lines() {
    let dir = TempDir::new();
    let path = dir.write("tb.py", b"def f():\n    g()\n\ndef g():\n    raise ValueError(\"deep\")\n\nf()\n");
    let out = swallow_in(dir.path(), &["tb.py"], b"");
    assert_eq!(out.status, 1);
    let file = path.display();
    assert_eq!(
        out.stderr,
        format!(
            "Traceback (most recent call last):\n  File \"{file}\", line 7, in <module>\n    f()\n  File \"{file}\", line 2, in f\n    g()\n  File \"{file}\", line 5, in g\n    raise ValueError(\"deep\")\nValueError: deep\n"
        )
    );
}

#[test]
fn stdout_is_flushed_before_an_uncaught_exception() {
    let out = swallow(&["-c", "print('before')\nraise ValueError('after')"]);
    assert_eq!(out.stdout, "before\n");
    assert_eq!((out.status, last_line(&out.stderr)), (1, "ValueError: after"));
}

#[test]
fn recursion_error_collapses_repeated_lines() {
    let dir = TempDir::new();
    dir.write("rec.py", b"def r(n):\n    return r(n + 1)\nr(0)\n");
    let out = swallow_in(dir.path(), &["rec.py"], b"");
    assert_eq!(out.status, 1);
    assert_eq!(last_line(&out.stderr), "RecursionError: maximum recursion depth exceeded");
    assert!(out.stderr.contains("  [Previous line repeated "), "{}", out.stderr);
    assert!(out.stderr.lines().count() < 20, "repeats were not collapsed:\n{}", out.stderr);
}

#[test]
fn chained_exceptions_print_cause_and_context() {
    let dir = TempDir::new();
    let path = dir.write(
        "chain.py",
        b"def f():\n    try:\n        1/0\n    except ZeroDivisionError as e:\n        raise ValueError(\"bad\") from e\ntry:\n    f()\nexcept ValueError:\n    raise KeyError(\"k\")\n",
    );
    let out = swallow_in(dir.path(), &["chain.py"], b"");
    assert_eq!(out.status, 1);
    let file = path.display();
    assert_eq!(
        out.stderr,
        format!(
            "Traceback (most recent call last):
  File \"{file}\", line 3, in f
    1/0
ZeroDivisionError: division by zero

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File \"{file}\", line 7, in <module>
    f()
  File \"{file}\", line 5, in f
    raise ValueError(\"bad\") from e
ValueError: bad

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File \"{file}\", line 9, in <module>
    raise KeyError(\"k\")
KeyError: 'k'
"
        )
    );
}

// ---- SystemExit -----------------------------------------------------------------------------

#[test]
fn system_exit_statuses() {
    let cases: &[(&str, i32, &str)] = &[
        ("raise SystemExit", 0, ""),
        ("raise SystemExit(None)", 0, ""),
        ("raise SystemExit(3)", 3, ""),
        ("raise SystemExit(True)", 1, ""),
        ("raise SystemExit(-1)", 255, ""),
        ("raise SystemExit('bye')", 1, "bye\n"),
        ("raise SystemExit('a', 'b')", 1, "('a', 'b')\n"),
        ("import sys; sys.exit(4)", 4, ""),
    ];
    for &(code, status, stderr) in cases {
        let out = swallow(&["-c", code]);
        assert_eq!((out.status, out.stderr.as_str()), (status, stderr), "{code}");
    }
    let out = swallow(&["-c", "import sys; sys.stdout.write('partial'); raise SystemExit(2)"]);
    assert_eq!((out.status, out.stdout.as_str()), (2, "partial"));
}

// ---- syntax errors ------------------------------------------------------------------------------

#[test]
fn syntax_error_in_file_shows_line_and_caret() {
    let dir = TempDir::new();
    let path = dir.write("syn.py", b"def f(:\n  pass\n");
    let out = swallow_in(dir.path(), &["syn.py"], b"");
    assert_eq!(out.status, 1);
    assert_eq!(out.stderr, format!("  File \"{}\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n", path.display()));
}

#[test]
fn syntax_error_in_dash_c_and_stdin() {
    let out = swallow(&["-c", "x = (1 +"]);
    assert_eq!(out.status, 1);
    assert_eq!(out.stderr, "  File \"<string>\", line 1\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed\n");
    let out = swallow_in(&std::env::temp_dir(), &["-"], b"x = (1 +\n");
    assert_eq!(out.stderr, "  File \"<stdin>\", line 1\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed\n");
}

#[test]
fn indentation_error_has_no_caret_inside_indentation() {
    let dir = TempDir::new();
    let path = dir.write("ind.py", b"if 1:\n  x=1\n    y=2\n");
    let out = swallow_in(dir.path(), &["ind.py"], b"");
    assert_eq!(out.status, 1);
    assert_eq!(out.stderr, format!("  File \"{}\", line 3\n    y=2\nIndentationError: unexpected indent\n", path.display()));
}

#[test]
fn hostile_inputs_do_not_crash() {
    let dir = TempDir::new();
    let many_open = "(".repeat(100_000);
    let deep_closed = format!("x = {}1{}\n", "(".repeat(5_000), ")".repeat(5_000));
    let deep_list = format!("x = {}{}\n", "[".repeat(5_000), "]".repeat(5_000));
    let long_line = format!("x = {}\n", "1 + ".repeat(50_000) + "1");
    for (name, source) in [("open.py", &many_open), ("closed.py", &deep_closed), ("list.py", &deep_list), ("long.py", &long_line)] {
        dir.write(name, source.as_bytes());
        // `swallow_in` fails the test on a signal, a hang or an internal error (status 70).
        let out = swallow_in(dir.path(), &[name], b"");
        assert!(out.status == 0 || out.status == 1, "{name}: status {}\n{}", out.status, out.stderr);
        if out.status == 1 {
            let last = last_line(&out.stderr);
            assert!(last.contains("Error"), "{name}: {last}");
        }
    }
    let out = swallow_in(dir.path(), &["open.py"], b"");
    assert_eq!(out.status, 1);
    assert!(last_line(&out.stderr).starts_with("SyntaxError: "), "{}", out.stderr);
}

#[test]
fn sigint_raises_keyboard_interrupt_in_running_code() {
    use std::io::BufRead;
    let dir = TempDir::new();
    dir.write(
        "spin.py",
        b"import sys\ntry:\n    print('ready', flush=True)\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print('caught', flush=True)\nwhile True:\n    pass\n",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_swallow"))
        .arg("spin.py")
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn swallow");
    let pid = child.id() as libc::pid_t;
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout pipe"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("read");
    assert_eq!(line, "ready\n");
    // SAFETY: `pid` is our own child process, which is still running (it has not been waited).
    unsafe { libc::kill(pid, libc::SIGINT) };
    line.clear();
    stdout.read_line(&mut line).expect("read");
    assert_eq!(line, "caught\n");
    // SAFETY: as above; the child keeps running its second loop until interrupted.
    unsafe { libc::kill(pid, libc::SIGINT) };
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("swallow did not stop on SIGINT");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut stderr = String::new();
    let _ = child.stderr.take().expect("stderr pipe").read_to_string(&mut stderr);
    assert_eq!(status.code(), Some(130));
    assert_eq!(last_line(&stderr), "KeyboardInterrupt");
}

// ---- no panics on hostile key methods ------------------------------------------------------

/// A key whose `__eq__` mutates the dict being searched. CPython tolerates it; swallow raises
/// RuntimeError (its dict lookups compare keys while the table is borrowed), but must never
/// panic.
#[test]
fn key_eq_mutating_its_dict_raises_instead_of_panicking() {
    let program = "d = {}\n\
class K:\n    def __init__(self, v): self.v = v\n    def __hash__(self): return 1\n    def __eq__(self, o):\n        d[len(d) + 100] = 1\n        d.clear()\n        return self.v == o.v\n\
d[K(1)] = 'a'\n\
try:\n    d[K(2)] = 'b'\nexcept RuntimeError as e:\n    print('RuntimeError', e)\n\
print(len(d))\n";
    let out = swallow(&["-c", program]);
    assert!(!out.stderr.contains("internal error"), "swallow panicked: {}", out.stderr);
    assert_eq!(out.status, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "RuntimeError dictionary changed size during a key comparison\n1\n");
}

/// The same for a set: a key's `__eq__` that adds to the set being searched.
#[test]
fn key_eq_mutating_its_set_raises_instead_of_panicking() {
    let program = "s = set()\n\
class K:\n    def __hash__(self): return 1\n    def __eq__(self, o):\n        s.add(len(s) + 100)\n        return False\n\
s.add(K())\n\
try:\n    s.add(K())\nexcept RuntimeError as e:\n    print('RuntimeError', e)\n\
print(len(s))\n";
    let out = swallow(&["-c", program]);
    assert!(!out.stderr.contains("internal error"), "swallow panicked: {}", out.stderr);
    assert_eq!(out.status, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "RuntimeError set changed size during a key comparison\n1\n");
}

// ---- --stats ---------------------------------------------------------------------------------

/// The count on the `--stats` report line whose label is `label` (opcode rows and the rows of
/// "calls and frames"): the first number after the label.
fn stats_count(report: &str, label: &str) -> Option<u64> {
    report.lines().find_map(|line| {
        let rest = line.trim_start().strip_prefix(label)?;
        if !rest.starts_with(' ') {
            return None;
        }
        rest.split_whitespace().next()?.parse().ok()
    })
}

#[test]
fn stats_counts_opcodes_and_calls_on_stderr() {
    let program = "def add(a, b):\n    return a + b\nt = 0\nfor i in range(1000):\n    t = add(t, i)\nprint(t)\nprint(sorted(range(7), key=lambda v: -v))\n";
    let plain = swallow(&["-c", program]);
    let out = swallow(&["--stats", "-c", program]);
    assert_eq!(out.status, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, plain.stdout);
    assert_eq!(out.stdout, "499500\n[6, 5, 4, 3, 2, 1, 0]\n");
    let report = &out.stderr;
    assert!(report.starts_with("--- swallow --stats ---\ninstructions executed: "), "{report}");
    // The loop body runs 1000 times; the lambda runs 7 times in nested loops started by sorted.
    // The first add specializes the site for ints (adaptive arithmetic).
    assert_eq!(stats_count(report, "BINARY_ADD"), Some(1), "{report}");
    assert_eq!(stats_count(report, "BINARY_ADD_INT"), Some(999), "{report}");
    assert_eq!(stats_count(report, "FOR_ITER"), Some(1001), "{report}");
    assert_eq!(stats_count(report, "JUMP"), Some(1000), "{report}");
    assert_eq!(stats_count(report, "LOAD_FAST"), Some(2007), "{report}");
    assert_eq!(stats_count(report, "UNARY_NEGATIVE"), Some(7), "{report}");
    assert_eq!(stats_count(report, "RETURN_VALUE"), Some(1008), "{report}");
    assert_eq!(stats_count(report, "calls that pushed a Python frame"), Some(1000), "{report}");
    assert_eq!(stats_count(report, "frames run by a dispatch loop from Rust"), Some(8), "{report}");
    assert_eq!(stats_count(report, "frames in all"), Some(1008), "{report}");
    let total: u64 = report.lines().skip_while(|l| !l.starts_with("opcode execution counts")).skip(1).take_while(|l| !l.is_empty()).filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok()).sum();
    assert_eq!(stats_count(report, "instructions executed:"), Some(total), "{report}");
    assert!(report.contains("\ninline caches:\n"), "{report}");
}

#[test]
fn stats_count_load_global_cache_hits_and_misses() {
    // f runs three times, executing LOAD_GLOBAL 101 times each (range once, K 100 times).
    // First call: both slots are empty (2 misses). Rebinding K keeps the globals' keys: all hits.
    // Adding the global NEW changes the keys version: range and K miss once more.
    let program = "K = 1\ndef f():\n    t = 0\n    for i in range(100):\n        t += K\n    return t\nprint(f())\nK = 2\nprint(f())\nNEW = 0\nprint(f())\n";
    let out = swallow(&["--stats", "-c", program]);
    assert_eq!((out.status, out.stdout.as_str()), (0, "100\n200\n200\n"), "stderr: {}", out.stderr);
    let caches = out.stderr.split("\ninline caches:\n").nth(1).unwrap_or_default();
    let row: Vec<&str> = caches.lines().find(|line| line.trim_start().starts_with("LOAD_GLOBAL")).unwrap_or_default().split_whitespace().collect();
    assert_eq!(row, ["LOAD_GLOBAL", "299", "4", "0", "98.68%"], "{}", out.stderr);
    assert_eq!(stats_count(&out.stderr, "LOAD_GLOBAL"), Some(303), "{}", out.stderr);
}

#[test]
fn stats_show_adaptive_arithmetic_specializing_and_falling_back() {
    // One `a + b` site: ints (specializes to BINARY_ADD_INT), then floats (the int guard fails:
    // a deopt, and the site specializes for floats), then an i64 overflow (the float guard
    // fails: the adaptive form computes a bigint and stays adaptive), then ints again.
    let program = "def f(a, b):\n    return a + b\nfor i in range(100):\n    f(i, 1)\nfor i in range(100):\n    f(0.5, 1.5)\nprint(f(2**62, 2**62), f(1, 2))\n";
    let out = swallow(&["--stats", "-c", program]);
    assert_eq!((out.status, out.stdout.as_str()), (0, "9223372036854775808 3\n"), "stderr: {}", out.stderr);
    assert_eq!(stats_count(&out.stderr, "BINARY_ADD"), Some(2), "{}", out.stderr);
    assert_eq!(stats_count(&out.stderr, "BINARY_ADD_INT"), Some(100), "{}", out.stderr);
    assert_eq!(stats_count(&out.stderr, "BINARY_ADD_FLOAT"), Some(100), "{}", out.stderr);
    let caches = out.stderr.split("\ninline caches:\n").nth(1).unwrap_or_default();
    let row: Vec<&str> = caches.lines().find(|line| line.trim_start().starts_with("BINARY_ADD/SUB/MUL")).unwrap_or_default().split_whitespace().collect();
    assert_eq!(row, ["BINARY_ADD/SUB/MUL", "198", "2", "2", "98.02%"], "{}", out.stderr);
}

#[test]
fn stats_follow_a_traceback_and_sys_exit() {
    let out = swallow(&["--stats", "-c", "print('out')\nraise ValueError('boom')"]);
    assert_eq!(out.status, 1);
    assert_eq!(out.stdout, "out\n");
    assert!(out.stderr.starts_with("Traceback (most recent call last):\n"), "{}", out.stderr);
    assert!(out.stderr.contains("ValueError: boom\n--- swallow --stats ---\n"), "{}", out.stderr);
    assert_eq!(stats_count(&out.stderr, "RAISE_VARARGS"), Some(1), "{}", out.stderr);

    let out = swallow(&["--stats", "-c", "import sys\nprint('out')\nsys.exit(3)"]);
    assert_eq!(out.status, 3);
    assert_eq!(out.stdout, "out\n");
    assert!(out.stderr.starts_with("--- swallow --stats ---\n"), "{}", out.stderr);
    assert_eq!(stats_count(&out.stderr, "IMPORT_NAME"), Some(1), "{}", out.stderr);
}

#[test]
fn stats_option_is_documented_and_off_by_default() {
    let out = swallow(&["--help"]);
    assert!(out.stdout.contains("\n--stats "), "{}", out.stdout);
    let out = swallow(&["-c", "print(1)"]);
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("1\n", ""));
}
