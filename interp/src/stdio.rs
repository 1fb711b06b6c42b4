//! Program output and input: a buffered stdout (flushed before stderr writes, before reading
//! stdin and at exit), unbuffered stderr, and line reads from stdin. Never panics on a closed
//! pipe: write errors become Python `OSError`s.

use std::cell::RefCell;
use std::io::{BufRead, IsTerminal, Write};

use crate::error::{PyErr, PyResult};
use crate::objects::types::TypeId;
use crate::value::Value;

const STDOUT_BUFFER_SIZE: usize = 64 * 1024;

struct StdoutState {
    buffer: Vec<u8>,
    /// Flush at every newline (stdout is a terminal), like C's line buffering.
    line_buffered: bool,
    /// Set after a write failed (e.g. EPIPE): later output is dropped instead of failing again.
    broken: bool,
}

thread_local! {
    static STDOUT: RefCell<StdoutState> = RefCell::new(StdoutState {
        buffer: Vec::new(),
        line_buffered: std::io::stdout().is_terminal(),
        broken: false,
    });
}

/// The OSError raised when writing to a stream fails.
fn io_error(err: &std::io::Error) -> PyErr {
    match err.raw_os_error() {
        Some(code) => {
            let text = err.to_string();
            // std's Display appends " (os error N)"; Python shows the bare message.
            let message = match text.find(" (os error") {
                Some(pos) => text[..pos].to_owned(),
                None => text,
            };
            PyErr::with_args(TypeId::OSError, vec![Value::Int(code as i64), Value::string(message)])
        }
        None => PyErr::new(TypeId::OSError, err.to_string()),
    }
}

fn flush_state(state: &mut StdoutState) -> PyResult<()> {
    if state.buffer.is_empty() {
        return Ok(());
    }
    if state.broken {
        state.buffer.clear();
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    let result = out.write_all(&state.buffer).and_then(|_| out.flush());
    state.buffer.clear();
    match result {
        Ok(()) => Ok(()),
        Err(e) => {
            state.broken = true;
            Err(io_error(&e))
        }
    }
}

/// Write `text` to stdout (buffered).
pub fn write_stdout(text: &str) -> PyResult<()> {
    STDOUT.with(|cell| {
        let mut state = cell.borrow_mut();
        if state.broken {
            return Ok(());
        }
        if state.buffer.try_reserve(text.len()).is_err() {
            return Err(PyErr::memory_error());
        }
        state.buffer.extend_from_slice(text.as_bytes());
        if state.buffer.len() >= STDOUT_BUFFER_SIZE || (state.line_buffered && text.contains('\n')) {
            flush_state(&mut state)?;
        }
        Ok(())
    })
}

/// Write everything buffered for stdout. The CLI calls this before exiting.
pub fn flush_stdout() -> PyResult<()> {
    STDOUT.with(|cell| flush_state(&mut cell.borrow_mut()))
}

/// Write `text` to stderr (unbuffered), after flushing stdout so the two interleave in order.
pub fn write_stderr(text: &str) -> PyResult<()> {
    // A failed stdout flush must not hide the error message being written.
    let _ = flush_stdout();
    let mut err = std::io::stderr().lock();
    err.write_all(text.as_bytes()).and_then(|_| err.flush()).map_err(|e| io_error(&e))
}

/// Read one line from stdin, including its newline if it had one. `Ok(None)` at end of file.
/// Stdout is flushed first so a prompt is visible.
pub fn read_stdin_line() -> PyResult<Option<String>> {
    let _ = flush_stdout();
    let mut bytes = Vec::new();
    let read = std::io::stdin().lock().read_until(b'\n', &mut bytes);
    match read {
        Ok(0) => Ok(None),
        Ok(_) => Ok(Some(decode_input(bytes))),
        Err(e) => Err(io_error(&e)),
    }
}

/// Read the rest of stdin.
pub fn read_stdin_all() -> PyResult<String> {
    let _ = flush_stdout();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map_err(|e| io_error(&e))?;
    Ok(decode_input(bytes))
}

/// Input is decoded as UTF-8; invalid sequences become U+FFFD rather than failing.
fn decode_input(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}
