//! Running whole programs: source decoding (UTF-8, BOM, PEP 263 coding cookies, NUL bytes),
//! compiling and executing in a fresh `__main__`, and turning the outcome into the process exit
//! status (uncaught exceptions print a traceback and give 1; `SystemExit` gives its code).

use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::compiler::{self, CompileError, Mode};
use crate::error::PyErr;
use crate::objects::types::TypeId;
use crate::value::Value;
use crate::vm::Vm;

/// Exit status of a program that ended with an uncaught exception.
pub const EXIT_EXCEPTION: i32 = 1;
/// Exit status for bad command-line usage (and unreadable program files), as CPython.
pub const EXIT_USAGE: i32 = 2;
/// Exit status after an uncaught KeyboardInterrupt (128 + SIGINT, like a shell shows it).
pub const EXIT_INTERRUPTED: i32 = 130;
/// Exit status when flushing stdout at exit fails (CPython uses 120 too).
pub const EXIT_FLUSH_FAILED: i32 = 120;

/// Run the program in file `path` (as given on the command line) with `sys.argv = argv`.
/// Returns the process exit status. Everything is reported on stderr as CPython does.
/// `stats`: print `--stats` counters to stderr at the end.
pub fn run_file(path: &str, argv: Vec<String>, stats: bool) -> i32 {
    let absolute = absolute_path(Path::new(path));
    let shown = absolute.display().to_string();
    if absolute.is_dir() {
        report(&format!("swallow: can't find '__main__' module in '{}'\n", shown.trim_end_matches('/')));
        return EXIT_EXCEPTION;
    }
    let bytes = match std::fs::read(&absolute) {
        Ok(bytes) => bytes,
        Err(error) => {
            report(&format!("swallow: can't open file '{shown}': {}\n", errno_message(&error)));
            return EXIT_USAGE;
        }
    };
    let source = match decode_source(&bytes, &shown) {
        Ok(source) => source,
        Err(err) => {
            crate::traceback::print_compile_error(&err);
            return finish(EXIT_EXCEPTION);
        }
    };
    run_program(&source, &shown, Some(&shown), argv, stats)
}

/// Run `source` (already text) as the `__main__` module with code filename `filename`
/// (`<string>` for `-c`, `<stdin>` for a program read from stdin).
pub fn run_source(source: &str, filename: &str, argv: Vec<String>, stats: bool) -> i32 {
    run_program(source, filename, None, argv, stats)
}

/// Run a program given as raw bytes (e.g. read from stdin), decoding it like a file.
pub fn run_source_bytes(bytes: &[u8], filename: &str, argv: Vec<String>, stats: bool) -> i32 {
    match decode_source(bytes, filename) {
        Ok(source) => run_program(&source, filename, None, argv, stats),
        Err(err) => {
            crate::traceback::print_compile_error(&err);
            finish(EXIT_EXCEPTION)
        }
    }
}

fn run_program(source: &str, filename: &str, file_attribute: Option<&str>, argv: Vec<String>, stats: bool) -> i32 {
    let code = match compiler::compile(source, filename, Mode::Module) {
        Ok(code) => code,
        Err(err) => {
            crate::traceback::print_compile_error(&with_source_text(err, source));
            return finish(EXIT_EXCEPTION);
        }
    };
    let mut vm = Vm::new(argv);
    if stats {
        vm.stats = Some(Box::default());
    }
    let module = vm.new_main_module();
    if let Some(file) = file_attribute {
        module.dict.set_str("__file__", Value::str(file));
    }
    let status = match vm.run_module_code(code, module.dict.clone()) {
        Ok(_) => 0,
        Err(err) => handle_uncaught(&mut vm, &err),
    };
    // Flush the program's output first: the statistics come after it.
    let status = finish(status);
    if let Some(stats) = vm.stats.take() {
        report(&stats.report());
    }
    status
}

/// Fill in a syntax error's source line from `source` when the compiler left it empty.
pub fn with_source_text(mut err: CompileError, source: &str) -> CompileError {
    if err.text.is_empty() && err.line > 0 {
        if let Some(line) = source.split('\n').nth(err.line as usize - 1) {
            err.text = line.strip_suffix('\r').unwrap_or(line).to_owned();
        }
    }
    err
}

/// Flush buffered stdout before the process exits; a failed flush changes a clean exit status.
pub fn finish(status: i32) -> i32 {
    match crate::stdio::flush_stdout() {
        Ok(()) => status,
        Err(_) => {
            report("Exception ignored on flushing sys.stdout:\nBrokenPipeError: [Errno 32] Broken pipe\n");
            if status == 0 {
                EXIT_FLUSH_FAILED
            } else {
                status
            }
        }
    }
}

/// Handle an exception that reached the top level: `SystemExit` gives its exit status silently
/// (printing a non-int code), anything else prints its traceback and gives 1.
pub fn handle_uncaught(vm: &mut Vm, err: &PyErr) -> i32 {
    if err.matches(TypeId::SystemExit) {
        return system_exit_status(vm, err);
    }
    crate::traceback::print_exception(vm, err);
    if err.matches(TypeId::KeyboardInterrupt) {
        EXIT_INTERRUPTED
    } else {
        EXIT_EXCEPTION
    }
}

/// The exit status `SystemExit(code)` asks for: None -> 0, an int -> that int, anything else is
/// printed to stderr and gives 1.
fn system_exit_status(vm: &mut Vm, err: &PyErr) -> i32 {
    let exc = err.exception();
    let exc_value = Value::Exception(exc.clone());
    // `code` may be customized by a subclass; plain SystemExit derives it from args.
    let code = match crate::ops::getattr(vm, &exc_value, "code") {
        Ok(code) => code,
        Err(_) => {
            let args = exc.args();
            match args.items.len() {
                0 => Value::None,
                1 => args.items[0].clone(),
                _ => Value::Tuple(args),
            }
        }
    };
    match code {
        Value::None => 0,
        // Truncated to a C int as CPython does; the OS keeps the low 8 bits.
        Value::Int(i) => i as i32,
        Value::Bool(b) => b as i32,
        Value::BigInt(_) => -1,
        other => {
            let text = match crate::ops::to_str(vm, &other) {
                Ok(text) => text,
                Err(_) => crate::traceback::exception_summary(vm, exc),
            };
            report(&format!("{text}\n"));
            EXIT_EXCEPTION
        }
    }
}

/// Write to stderr (after flushing stdout), ignoring failures: there is nowhere left to report.
pub fn report(text: &str) {
    let _ = crate::stdio::write_stderr(text);
}

/// `path` made absolute against the current directory without resolving symlinks (what
/// CPython shows for the main script).
pub fn absolute_path(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `[Errno 2] No such file or directory` for an I/O error.
pub fn errno_message(error: &std::io::Error) -> String {
    let text = error.to_string();
    let message = match text.find(" (os error") {
        Some(pos) => text[..pos].to_owned(),
        None => text,
    };
    match error.raw_os_error() {
        Some(code) => format!("[Errno {code}] {message}"),
        None => message,
    }
}

/// Turn a program's bytes into text as CPython's tokenizer does: a UTF-8 BOM is skipped, a
/// PEP 263 coding cookie on line 1 or 2 selects UTF-8, Latin-1 or ASCII, anything else must
/// be valid UTF-8, and NUL bytes are rejected. `display_name` is the file name errors show.
pub fn decode_source(bytes: &[u8], display_name: &str) -> Result<String, CompileError> {
    let (has_bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let encoding = match coding_cookie(body) {
        None => SourceEncoding::Utf8,
        Some(name) => match SourceEncoding::from_cookie(&name) {
            Some(SourceEncoding::Utf8) => SourceEncoding::Utf8,
            Some(other) if has_bom => return Err(location_free_error(format!("encoding problem: {} with BOM", other.canonical_name()))),
            Some(other) => other,
            None => return Err(location_free_error(format!("encoding problem: {name}"))),
        },
    };

    let first_nul = body.iter().position(|&b| b == 0);
    let first_invalid = match encoding {
        SourceEncoding::Utf8 => std::str::from_utf8(body).err().map(|e| e.valid_up_to()),
        SourceEncoding::Ascii => body.iter().position(|&b| b >= 0x80),
        SourceEncoding::Latin1 => None,
    };
    match (first_nul, first_invalid) {
        (Some(nul), invalid) if invalid.is_none_or(|bad| nul < bad) => return Err(nul_byte_error(body, nul, display_name)),
        (_, Some(bad)) => {
            return Err(match encoding {
                SourceEncoding::Ascii => location_free_error("encoding problem: ascii".into()),
                _ => {
                    let line = line_number_at(body, bad);
                    let byte = body.get(bad).copied().unwrap_or(0);
                    location_free_error(format!(
                        "Non-UTF-8 code starting with '\\x{byte:02x}' in file {display_name} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details"
                    ))
                }
            });
        }
        _ => {}
    }
    Ok(match encoding {
        SourceEncoding::Latin1 => body.iter().map(|&b| b as char).collect(),
        // Validated above.
        SourceEncoding::Utf8 | SourceEncoding::Ascii => String::from_utf8_lossy(body).into_owned(),
    })
}

/// The source encodings swallow can decode.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum SourceEncoding {
    Utf8,
    Latin1,
    Ascii,
}

impl SourceEncoding {
    /// The encoding a coding cookie names, normalized like CPython (`latin-1`, `ISO_8859_1`,
    /// `utf8`, ...); `None` for encodings swallow does not know.
    fn from_cookie(name: &str) -> Option<SourceEncoding> {
        let normalized: String = name.to_ascii_lowercase().replace('_', "-");
        let matches = |base: &str| normalized == base || normalized.starts_with(&format!("{base}-"));
        if matches("utf-8") || normalized == "utf8" {
            Some(SourceEncoding::Utf8)
        } else if matches("latin-1") || matches("iso-8859-1") || matches("iso-latin-1") || matches("latin1") || normalized == "l1" || normalized == "iso8859-1" {
            Some(SourceEncoding::Latin1)
        } else if normalized == "ascii" || normalized == "us-ascii" {
            Some(SourceEncoding::Ascii)
        } else {
            None
        }
    }

    fn canonical_name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "utf-8",
            SourceEncoding::Latin1 => "iso-8859-1",
            SourceEncoding::Ascii => "ascii",
        }
    }
}

/// The encoding named by a PEP 263 cookie (`# -*- coding: NAME -*-`) on line 1, or on line 2
/// when line 1 is blank or a comment.
fn coding_cookie(body: &[u8]) -> Option<String> {
    let mut lines = body.split(|&b| b == b'\n');
    let first = lines.next()?;
    if let Some(name) = cookie_in_line(first) {
        return Some(name);
    }
    let first_trimmed: Vec<u8> = first.iter().copied().skip_while(|b| matches!(b, b' ' | b'\t' | b'\x0c' | b'\r')).collect();
    if !(first_trimmed.is_empty() || first_trimmed.starts_with(b"#")) {
        return None;
    }
    cookie_in_line(lines.next()?)
}

/// `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` on one line.
fn cookie_in_line(line: &[u8]) -> Option<String> {
    let start = line.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    if line.get(start) != Some(&b'#') {
        return None;
    }
    let comment = &line[start..];
    let mut search_from = 0;
    while let Some(found) = find_bytes(&comment[search_from..], b"coding") {
        let after = search_from + found + b"coding".len();
        if matches!(comment.get(after), Some(b':' | b'=')) {
            let name: Vec<u8> = comment[after + 1..]
                .iter()
                .copied()
                .skip_while(|b| matches!(b, b' ' | b'\t'))
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
                .collect();
            if !name.is_empty() {
                return Some(String::from_utf8_lossy(&name).into_owned());
            }
        }
        search_from = after;
    }
    None
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// 1-based line of byte offset `pos`.
fn line_number_at(body: &[u8], pos: usize) -> u32 {
    let newlines = body.iter().take(pos).filter(|&&b| b == b'\n').count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

/// A SyntaxError printed with no `File` line (CPython reports decoding problems that way).
fn location_free_error(msg: String) -> CompileError {
    CompileError { indentation: false, msg, filename: String::new(), line: 0, col: 0, end_col: 0, text: String::new() }
}

/// `source code cannot contain null bytes`, located at the NUL's line, showing that line up to
/// the NUL (CPython prints no caret).
fn nul_byte_error(body: &[u8], nul: usize, display_name: &str) -> CompileError {
    let line_start = body[..nul].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let text = String::from_utf8_lossy(&body[line_start..nul]).into_owned();
    CompileError {
        indentation: false,
        msg: "source code cannot contain null bytes".into(),
        filename: display_name.to_owned(),
        line: line_number_at(body, nul),
        col: 0,
        end_col: 0,
        // An empty prefix still prints an (empty) source line, as CPython does.
        text: if text.is_empty() { " ".into() } else { text },
    }
}

/// Compile and run one REPL entry in `globals` (expression statements echo their value).
/// Errors are printed; the REPL goes on unless the entry raised SystemExit, whose exit status
/// is returned.
pub fn run_interactive_entry(vm: &mut Vm, source: &str, globals: &Rc<crate::objects::dict::PyDict>) -> Option<i32> {
    let code = match compiler::compile(source, "<stdin>", Mode::Interactive) {
        Ok(code) => code,
        Err(err) => {
            crate::traceback::print_compile_error(&with_source_text(err, source));
            return None;
        }
    };
    let result = vm.run_module_code(code, globals.clone());
    let _ = crate::stdio::flush_stdout();
    match result {
        Ok(_) => None,
        Err(err) if err.matches(TypeId::SystemExit) => Some(system_exit_status(vm, &err)),
        Err(err) => {
            crate::traceback::print_exception(vm, &err);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_plain_and_bom() {
        assert_eq!(decode_source(b"x = 1\n", "f.py").ok().as_deref(), Some("x = 1\n"));
        assert_eq!(decode_source(b"\xef\xbb\xbfprint(1)\n", "f.py").ok().as_deref(), Some("print(1)\n"));
        assert_eq!(decode_source("s = 'é'\n".as_bytes(), "f.py").ok().as_deref(), Some("s = 'é'\n"));
    }

    #[test]
    fn decode_invalid_utf8_names_byte_file_and_line() {
        let err = decode_source(b"x = 1\nprint(\xff)\n", "/t/bad.py").err().map(|e| (e.line, e.msg));
        assert_eq!(
            err,
            Some((0, "Non-UTF-8 code starting with '\\xff' in file /t/bad.py on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details".to_owned()))
        );
    }

    #[test]
    fn decode_nul_byte_reports_its_line() {
        let err = decode_source(b"x=1\ny=2\0\n", "f.py").err();
        let err = err.map(|e| (e.line, e.text, e.msg));
        assert_eq!(err, Some((2, "y=2".to_owned(), "source code cannot contain null bytes".to_owned())));
        // Whichever problem comes first wins.
        let err = decode_source(b"x=1\n\xff\n\0\n", "f.py").err().map(|e| e.msg);
        assert!(err.is_some_and(|m| m.starts_with("Non-UTF-8")));
    }

    #[test]
    fn decode_coding_cookies() {
        assert_eq!(decode_source(b"# -*- coding: latin-1 -*-\ns='\xe9'\n", "f.py").ok().as_deref(), Some("# -*- coding: latin-1 -*-\ns='\u{e9}'\n"));
        assert_eq!(decode_source(b"#!/usr/bin/env python\n# coding=utf-8\nx=1\n", "f.py").ok().as_deref(), Some("#!/usr/bin/env python\n# coding=utf-8\nx=1\n"));
        assert_eq!(decode_source(b"# coding: foo\n", "f.py").err().map(|e| e.msg).as_deref(), Some("encoding problem: foo"));
        assert_eq!(
            decode_source(b"\xef\xbb\xbf# coding: latin-1\n", "f.py").err().map(|e| e.msg).as_deref(),
            Some("encoding problem: iso-8859-1 with BOM")
        );
        // A cookie on line 3 does not count.
        assert!(decode_source(b"\n\n# coding: latin-1\ns='\xe9'\n", "f.py").is_err());
    }

    #[test]
    fn errno_message_matches_python() {
        let error = std::io::Error::from_raw_os_error(2);
        assert_eq!(errno_message(&error), "[Errno 2] No such file or directory");
    }
}
