//! Error display, as CPython 3.11 prints it: syntax errors (file, line, source text, caret) and
//! uncaught exceptions (traceback entries with their source lines, chained causes and contexts,
//! collapsed recursion, and the final `TypeName: message` line).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::compiler::CompileError;
use crate::error::PyErr;
use crate::objects::types::{builtin_type, TypeId};
use crate::value::{PyException, TraceEntry, Value};
use crate::vm::Vm;

/// Identical consecutive traceback entries beyond this many are collapsed into
/// `[Previous line repeated N more times]`.
const RECURSIVE_CUTOFF: usize = 3;

/// At most this many traceback entries are printed (the innermost ones), like CPython's
/// default `sys.tracebacklimit`.
const TRACEBACK_LIMIT: usize = 1000;

const CAUSE_MESSAGE: &str = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE: &str = "\nDuring handling of the above exception, another exception occurred:\n\n";

thread_local! {
    /// Source texts that are not files on disk, by the filename their code objects carry.
    static SOURCES: RefCell<HashMap<String, Rc<str>>> = RefCell::new(HashMap::new());
}

/// Make `text` the source of `filename` for traceback source lines, for code that does not come
/// from a file (e.g. `exec(src, ...)` with a made-up filename). A later call replaces it.
///
/// The CLI does not register `<string>` (`-c`) or `<stdin>`: CPython shows no source lines for
/// those, and swallow prints what CPython prints.
pub fn register_source(filename: &str, text: &str) {
    SOURCES.with(|sources| {
        sources.borrow_mut().insert(filename.to_owned(), Rc::from(text));
    });
}

/// The registered source of `filename`, if any.
fn registered_source(filename: &str) -> Option<Rc<str>> {
    SOURCES.with(|sources| sources.borrow().get(filename).cloned())
}

/// A syntax error as CPython prints it:
///
/// ```text
///   File "x.py", line 3
///     bad line
///         ^^^
/// SyntaxError: msg
/// ```
///
/// An error with `line == 0` has no location and prints only its last line.
pub fn format_compile_error(err: &CompileError) -> String {
    let mut out = String::new();
    if err.line > 0 {
        out.push_str(&format!("  File \"{}\", line {}\n", err.filename, err.line));
        if !err.text.is_empty() {
            out.push_str(&format_error_text(&err.text, err.col, err.end_col));
        }
    }
    let kind = if err.indentation { "IndentationError" } else { "SyntaxError" };
    out.push_str(&format!("{kind}: {}\n", err.msg));
    out
}

/// The source line of a syntax error and the caret line under it. `col` and `end_col` are
/// 1-based character columns (`end_col` exclusive, 0 when unknown); the line is shown without
/// its indentation, and no caret is drawn when the column lies inside that indentation.
fn format_error_text(text: &str, col: u32, end_col: u32) -> String {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    // Only the first line of a multi-line text (the error's own line) is shown.
    let text = text.split('\n').next().unwrap_or("");
    let char_len = text.chars().count() as i64;
    let col = col as i64;
    let mut end_col = end_col as i64;
    // Carets never run past the end of the line (counting its newline, as CPython does).
    if end_col > char_len + 2 {
        end_col = char_len + 2;
    }
    let caret_count = if end_col > 0 && end_col > col { end_col - col } else { 1 };

    let indentation = text.chars().take_while(|c| matches!(c, ' ' | '\t' | '\x0c')).count();
    let shown: String = text.chars().skip(indentation).collect();
    let shown_len = char_len - indentation as i64;
    let mut offset = col - 1 - indentation as i64;
    if offset > shown_len {
        offset = shown_len;
    }

    let mut out = format!("    {shown}\n");
    if offset >= 0 {
        out.push_str("    ");
        out.extend(std::iter::repeat_n(' ', offset as usize));
        out.extend(std::iter::repeat_n('^', caret_count.max(1) as usize));
        out.push('\n');
    }
    out
}

/// The last line of a traceback: `TypeName: message`, or just `TypeName` when `str(exc)` is
/// empty; `<exception str() failed>` when `str` itself raises. The single place this line is
/// formatted (tracebacks, the REPL and `SystemExit` handling all use it).
pub fn exception_summary(vm: &mut Vm, exc: &Rc<PyException>) -> String {
    let name = exception_type_name(exc);
    match crate::ops::to_str(vm, &Value::Exception(exc.clone())) {
        Ok(message) if message.is_empty() => name,
        Ok(message) => format!("{name}: {message}"),
        Err(_) => format!("{name}: <exception str() failed>"),
    }
}

/// The exception's type name as tracebacks show it: qualified by its module unless that is
/// `builtins` or `__main__`.
fn exception_type_name(exc: &PyException) -> String {
    let name = &exc.ty.name;
    match exc.ty.module.as_deref() {
        Some(module) if module != "builtins" && module != "__main__" => format!("{module}.{name}"),
        _ => name.to_string(),
    }
}

/// The full report of an uncaught exception: its chain of causes/contexts first, each with its
/// traceback, then the exception itself.
pub fn format_exception(vm: &mut Vm, err: &PyErr) -> String {
    // Walk back along __cause__ / __context__ (CPython prints the oldest first), skipping any
    // exception already on the chain so cycles terminate.
    let mut chain: Vec<(Rc<PyException>, Option<&'static str>)> = Vec::new();
    let mut current = err.exception().clone();
    loop {
        let seen = |e: &Rc<PyException>| chain.iter().any(|(c, _)| Rc::ptr_eq(c, e)) || Rc::ptr_eq(e, &current);
        let cause = current.cause.borrow().clone();
        let context = current.context.borrow().clone();
        let previous = match (cause, context) {
            (Some(cause), _) => (!seen(&cause)).then_some((cause, CAUSE_MESSAGE)),
            (None, Some(context)) if !current.suppress_context.get() => {
                (!seen(&context)).then_some((context, CONTEXT_MESSAGE))
            }
            _ => None,
        };
        match previous {
            Some((previous, message)) => {
                chain.push((current, Some(message)));
                current = previous;
            }
            None => {
                chain.push((current, None));
                break;
            }
        }
    }

    let mut lines = SourceLines::default();
    let mut out = String::new();
    // Each exception carries the message that separates it from the one printed before it.
    for (exc, message_before) in chain.iter().rev() {
        if let Some(message) = message_before {
            out.push_str(message);
        }
        let entries = exc.traceback.borrow().clone();
        out.push_str(&format_traceback_entries(&entries, &mut lines));
        match syntax_error_report(vm, exc) {
            Some(report) => out.push_str(&report),
            None => {
                out.push_str(&exception_summary(vm, exc));
                out.push('\n');
            }
        }
        for note in crate::objects::exception::notes(exc) {
            match &note {
                Value::Str(s) => out.push_str(s.as_str()),
                other => match crate::ops::to_str(vm, other) {
                    Ok(text) => out.push_str(&text),
                    Err(_) => out.push_str("<note str() failed>"),
                },
            }
            out.push('\n');
        }
    }
    out
}

/// A raised SyntaxError (from `compile()`, `exec()`, or `raise SyntaxError(msg, details)`)
/// prints like a compile-time one: its location, source text and caret, then `TypeName: msg`.
/// `None` when `exc` is not a SyntaxError or has no `(msg, (filename, lineno, offset, text,
/// [end_lineno, end_offset]))` arguments.
fn syntax_error_report(vm: &mut Vm, exc: &Rc<PyException>) -> Option<String> {
    if !exc.ty.is_subtype_of(&builtin_type(TypeId::SyntaxError)) {
        return None;
    }
    let args = exc.args();
    let [message, Value::Tuple(details)] = &args.items[..] else { return None };
    let detail = |index: usize| details.items.get(index).cloned().unwrap_or(Value::None);
    let as_int = |value: Value| match value {
        Value::Int(i) => Some(i),
        Value::Bool(b) => Some(b as i64),
        _ => None,
    };
    let filename = match detail(0) {
        Value::Str(s) => s.as_str().to_owned(),
        _ => "<string>".to_owned(),
    };
    let line = as_int(detail(1))?;
    let col = as_int(detail(2)).unwrap_or(0);
    let text = match detail(3) {
        Value::Str(s) => Some(s.as_str().to_owned()),
        _ => None,
    };
    let end_col = match (as_int(detail(4)), as_int(detail(5))) {
        // A span running onto later lines is underlined to the end of the first one.
        (Some(end_line), _) if end_line > line => text.as_deref().map_or(0, |t| t.chars().count() as i64),
        (_, Some(end_col)) => end_col,
        _ => 0,
    };
    let mut out = format!("  File \"{filename}\", line {line}\n");
    if let Some(text) = text {
        let clamp = |v: i64| u32::try_from(v.max(0)).unwrap_or(u32::MAX);
        out.push_str(&format_error_text(&text, clamp(col), clamp(end_col)));
    }
    let name = exception_type_name(exc);
    match crate::ops::to_str(vm, message) {
        Ok(message) if message.is_empty() => out.push_str(&name),
        Ok(message) => out.push_str(&format!("{name}: {message}")),
        Err(_) => out.push_str(&format!("{name}: <exception str() failed>")),
    }
    out.push('\n');
    Some(out)
}

/// `Traceback (most recent call last):` and the entries, outermost first, with consecutive
/// repeats collapsed. Empty when there are no entries.
fn format_traceback_entries(entries: &[TraceEntry], lines: &mut SourceLines) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let entries = &entries[entries.len().saturating_sub(TRACEBACK_LIMIT)..];
    let mut out = String::from("Traceback (most recent call last):\n");
    let mut previous: Option<&TraceEntry> = None;
    let mut repeats = 0usize;
    for entry in entries {
        let same = previous.is_some_and(|p| p.filename == entry.filename && p.line == entry.line && p.name == entry.name);
        if !same {
            push_repeat_note(&mut out, repeats);
            previous = Some(entry);
            repeats = 0;
        }
        repeats += 1;
        if repeats <= RECURSIVE_CUTOFF {
            out.push_str(&format!("  File \"{}\", line {}, in {}\n", entry.filename, entry.line, entry.name));
            if let Some(source) = lines.get(&entry.filename, entry.line) {
                out.push_str(&format!("    {source}\n"));
            }
        }
    }
    push_repeat_note(&mut out, repeats);
    out
}

fn push_repeat_note(out: &mut String, repeats: usize) {
    if repeats > RECURSIVE_CUTOFF {
        let more = repeats - RECURSIVE_CUTOFF;
        let noun = if more > 1 { "times" } else { "time" };
        out.push_str(&format!("  [Previous line repeated {more} more {noun}]\n"));
    }
}

/// Source lines for tracebacks, read once per file per report.
#[derive(Default)]
struct SourceLines {
    files: HashMap<Rc<str>, Option<Rc<str>>>,
}

impl SourceLines {
    /// Line `line` (1-based) of `filename` without its indentation and newline; `None` when the
    /// file cannot be read, the line does not exist, or it is blank.
    fn get(&mut self, filename: &Rc<str>, line: u32) -> Option<String> {
        let text = self
            .files
            .entry(filename.clone())
            .or_insert_with(|| registered_source(filename).or_else(|| read_source_file(filename)))
            .clone()?;
        let wanted = (line as usize).checked_sub(1)?;
        let raw = text.split('\n').nth(wanted)?;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let stripped = raw.trim_start_matches([' ', '\t', '\x0c']);
        if stripped.trim().is_empty() {
            return None;
        }
        Some(stripped.to_owned())
    }
}

/// A source file's text for display (`None` for pseudo-files like `<string>`).
fn read_source_file(filename: &str) -> Option<Rc<str>> {
    if filename.starts_with('<') && filename.ends_with('>') {
        return None;
    }
    let bytes = std::fs::read(filename).ok()?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    Some(Rc::from(String::from_utf8_lossy(bytes).as_ref()))
}

/// Print a syntax error to stderr.
pub fn print_compile_error(err: &CompileError) {
    let _ = crate::stdio::write_stderr(&format_compile_error(err));
}

/// Print an uncaught exception's report to stderr.
pub fn print_exception(vm: &mut Vm, err: &PyErr) {
    let report = format_exception(vm, err);
    let _ = crate::stdio::write_stderr(&report);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_error(text: &str, col: u32, end_col: u32) -> CompileError {
        CompileError {
            indentation: false,
            msg: "invalid syntax".into(),
            filename: "x.py".into(),
            line: 1,
            col,
            end_col,
            text: text.into(),
        }
    }

    #[test]
    fn syntax_error_single_caret() {
        let err = compile_error("def f(:", 7, 8);
        assert_eq!(
            format_compile_error(&err),
            "  File \"x.py\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n"
        );
    }

    #[test]
    fn syntax_error_caret_span_and_unknown_end() {
        let err = compile_error("f(a for a in b, c)", 3, 15);
        assert!(format_compile_error(&err).contains("\n      ^^^^^^^^^^^^\n"));
        let err = compile_error("x = (1 +", 5, 0);
        assert!(format_compile_error(&err).contains("\n    x = (1 +\n        ^\n"));
    }

    #[test]
    fn syntax_error_indentation_is_stripped_and_hides_caret_inside_it() {
        let mut err = compile_error("    y=2", 4, 0);
        err.indentation = true;
        err.msg = "unexpected indent".into();
        assert_eq!(format_compile_error(&err), "  File \"x.py\", line 1\n    y=2\nIndentationError: unexpected indent\n");
        let err = compile_error("\tx = $", 6, 7);
        assert!(format_compile_error(&err).contains("    x = $\n        ^\n"));
    }

    #[test]
    fn syntax_error_caret_clipped_to_line() {
        let err = compile_error("x = 1 +", 40, 0);
        assert!(format_compile_error(&err).contains("    x = 1 +\n           ^\n"));
    }

    #[test]
    fn syntax_error_without_location_prints_only_message() {
        let mut err = compile_error("", 0, 0);
        err.line = 0;
        err.msg = "Non-UTF-8 code".into();
        assert_eq!(format_compile_error(&err), "SyntaxError: Non-UTF-8 code\n");
    }

    fn entry(name: &str, line: u32) -> TraceEntry {
        TraceEntry { filename: Rc::from("<nowhere>"), name: Rc::from(name), line }
    }

    #[test]
    fn traceback_collapses_repeats() {
        let mut entries = vec![entry("<module>", 3)];
        entries.extend((0..10).map(|_| entry("r", 2)));
        let text = format_traceback_entries(&entries, &mut SourceLines::default());
        assert_eq!(text.matches("in r\n").count(), 3);
        assert!(text.ends_with("  [Previous line repeated 7 more times]\n"));
        let mut entries = vec![entry("r", 2); 4];
        entries.push(entry("g", 5));
        let text = format_traceback_entries(&entries, &mut SourceLines::default());
        assert!(text.contains("  [Previous line repeated 1 more time]\n  File \"<nowhere>\", line 5, in g\n"));
    }

    #[test]
    fn traceback_shows_registered_source_lines() {
        register_source("<test-registered>", "x = 1\n    raise ValueError   \n");
        let entries = vec![TraceEntry { filename: Rc::from("<test-registered>"), name: Rc::from("<module>"), line: 2 }];
        let text = format_traceback_entries(&entries, &mut SourceLines::default());
        assert_eq!(
            text,
            "Traceback (most recent call last):\n  File \"<test-registered>\", line 2, in <module>\n    raise ValueError   \n"
        );
    }

    #[test]
    fn exception_report_prints_context_first() {
        let mut vm = Vm::new(vec![]);
        let first = PyErr::new(TypeId::ZeroDivisionError, "division by zero");
        let second = PyErr::new(TypeId::ValueError, "bad");
        *second.exception().context.borrow_mut() = Some(first.exception().clone());
        let text = format_exception(&mut vm, &second);
        assert_eq!(
            text,
            format!("ZeroDivisionError: division by zero\n{CONTEXT_MESSAGE}ValueError: bad\n")
        );
        // A cause wins over the context, and cycles terminate.
        *second.exception().cause.borrow_mut() = Some(first.exception().clone());
        *first.exception().context.borrow_mut() = Some(second.exception().clone());
        let text = format_exception(&mut vm, &second);
        assert!(text.starts_with("ZeroDivisionError: division by zero\n\nThe above exception was the direct cause"));
    }

    #[test]
    fn empty_message_prints_only_type_name() {
        let mut vm = Vm::new(vec![]);
        let err = PyErr::with_args(TypeId::AssertionError, vec![]);
        assert_eq!(exception_summary(&mut vm, err.exception()), "AssertionError");
    }

    #[test]
    fn raised_syntax_error_prints_its_location() {
        let mut vm = Vm::new(vec![]);
        let details = Value::tuple(vec![Value::str("f.py"), Value::Int(3), Value::Int(2), Value::str("abc\n"), Value::Int(3), Value::Int(3)]);
        let err = PyErr::with_args(TypeId::SyntaxError, vec![Value::str("msg"), details]);
        assert_eq!(format_exception(&mut vm, &err), "  File \"f.py\", line 3\n    abc\n     ^\nSyntaxError: msg\n");
        // Without details it is an ordinary exception.
        let err = PyErr::new(TypeId::ValueError, "plain");
        assert!(syntax_error_report(&mut vm, err.exception()).is_none());
    }
}
