//! File objects: the `open()` builtin and what it returns (text files, `_io.TextIOWrapper`;
//! binary files, `_io.BufferedReader`/`BufferedWriter`/`BufferedRandom`), and the standard
//! streams `sys.stdin`/`sys.stdout`/`sys.stderr` (also `TextIOWrapper`s, writing through
//! `stdio`'s buffered stdout).
//!
//! A file keeps a read-ahead buffer and a write buffer over a `std::fs::File`; the write
//! buffer is flushed on `flush`, `close`, seeks, reads, and when the object is dropped. Text
//! files decode with their encoding (utf-8 by default) and, with `newline=None`, turn `\r\n`
//! and `\r` into `\n` when reading.

use std::cell::{Cell, RefCell};
use std::io::{Read, Seek, SeekFrom, Write};
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::modules::io::{closed_error, size_arg, stream_enter, stream_exit};
use crate::modules::support::{new_object, self_state};
use crate::objects::bytes;
use crate::objects::types::{PyType, TypeId};
use crate::ops;
use crate::oserror::os_error;
use crate::stdio;
use crate::value::{CallArgs, NativeFn, NativeState, Value};
use crate::vm::Vm;

const CHUNK: usize = 8192;
const WRITE_FLUSH_AT: usize = 64 * 1024;

thread_local! {
    static TEXT_FILE: Rc<PyType> = PyType::new_native("TextIOWrapper", "_io", FILE_METHODS);
    static BUFFERED_READER: Rc<PyType> = PyType::new_native("BufferedReader", "_io", FILE_METHODS);
    static BUFFERED_WRITER: Rc<PyType> = PyType::new_native("BufferedWriter", "_io", FILE_METHODS);
    static BUFFERED_RANDOM: Rc<PyType> = PyType::new_native("BufferedRandom", "_io", FILE_METHODS);
    static STD_STREAM: Rc<PyType> = PyType::new_native("TextIOWrapper", "_io", STD_STREAM_METHODS);
}

/// The type of text files (`io.TextIOWrapper`).
pub fn text_file_type() -> Rc<PyType> {
    TEXT_FILE.with(Rc::clone)
}

thread_local! {
    /// `io.UnsupportedOperation`, created by `unsupported_operation_type`.
    static UNSUPPORTED: RefCell<Option<Rc<PyType>>> = const { RefCell::new(None) };
}

/// `io.UnsupportedOperation`, a subclass of both OSError and ValueError (created once).
pub fn unsupported_operation_type(vm: &mut Vm) -> PyResult<Rc<PyType>> {
    if let Some(t) = UNSUPPORTED.with(|u| u.borrow().clone()) {
        return Ok(t);
    }
    let namespace = crate::objects::dict::PyDict::new();
    namespace.set_str("__module__", Value::str("io"));
    let bases = vec![crate::objects::types::builtin_type(TypeId::OSError), crate::objects::types::builtin_type(TypeId::ValueError)];
    let meta = crate::objects::types::builtin_type(TypeId::Type);
    let ty = crate::objects::class_new::type_new(vm, &meta, "UnsupportedOperation", bases, &namespace, &[])?;
    UNSUPPORTED.with(|u| *u.borrow_mut() = Some(ty.clone()));
    Ok(ty)
}

/// `io.UnsupportedOperation(message)` (an OSError until the type exists).
fn unsupported_operation(message: &str) -> PyErr {
    match UNSUPPORTED.with(|u| u.borrow().clone()) {
        Some(ty) => PyErr(Rc::new(crate::value::PyException::new(ty, vec![Value::str(message)]))),
        None => PyErr::new(TypeId::OSError, message),
    }
}

// ---- open() -------------------------------------------------------------------------------

/// What a mode string asks for.
struct Mode {
    read: bool,
    write: bool,
    append: bool,
    create: bool,
    plus: bool,
    binary: bool,
}

fn parse_mode(mode: &str) -> PyResult<Mode> {
    let invalid = || PyErr::value_error(format!("invalid mode: '{mode}'"));
    let mut m = Mode { read: false, write: false, append: false, create: false, plus: false, binary: false };
    let mut text = false;
    let mut seen = String::new();
    for c in mode.chars() {
        if seen.contains(c) {
            return Err(invalid());
        }
        seen.push(c);
        match c {
            'r' => m.read = true,
            'w' => m.write = true,
            'a' => m.append = true,
            'x' => m.create = true,
            '+' => m.plus = true,
            'b' => m.binary = true,
            't' => text = true,
            _ => return Err(invalid()),
        }
    }
    if text && m.binary {
        return Err(PyErr::value_error("can't have text and binary mode at once"));
    }
    let kinds = [m.read, m.write, m.append, m.create].iter().filter(|&&k| k).count();
    if kinds > 1 {
        return Err(PyErr::value_error("must have exactly one of create/read/write/append mode"));
    }
    if kinds == 0 {
        return Err(PyErr::value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus",
        ));
    }
    Ok(m)
}

fn optional_str<'a>(v: Option<&'a Value>, what: &str) -> PyResult<Option<&'a str>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.as_str())),
        Some(other) => Err(PyErr::type_error(format!(
            "open() argument '{what}' must be str or None, not {}",
            ops::type_name(other)
        ))),
    }
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
/// opener=None)`.
pub fn builtin_open(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    unsupported_operation_type(vm)?;
    let slots: [Option<&Value>; 8] = crate::builtins::args::parse(
        &call,
        &crate::builtins::args::Signature {
            name: "open",
            params: &["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"],
            positional: 8,
            required: 1,
            positional_only: 0,
        },
    )?;
    let file = slots[0].unwrap_or(&Value::None);
    let path = match file {
        Value::Str(s) => s.as_str().to_owned(),
        Value::Bytes(b) => String::from_utf8_lossy(&b.data).into_owned(),
        Value::Int(_) => return Err(PyErr::unsupported("open() of a file descriptor")),
        other => {
            return Err(PyErr::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                ops::type_name(other)
            )))
        }
    };
    let mode_text = match slots[1] {
        None => "r".to_owned(),
        Some(Value::Str(s)) => s.as_str().to_owned(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "open() argument 'mode' must be str, not {}",
                ops::type_name(other)
            )))
        }
    };
    let mode = parse_mode(&mode_text)?;
    let encoding = optional_str(slots[3], "encoding")?;
    let errors = optional_str(slots[4], "errors")?;
    let newline = optional_str(slots[5], "newline")?;
    if mode.binary {
        if encoding.is_some() {
            return Err(PyErr::value_error("binary mode doesn't take an encoding argument"));
        }
        if errors.is_some() {
            return Err(PyErr::value_error("binary mode doesn't take an errors argument"));
        }
        if newline.is_some() {
            return Err(PyErr::value_error("binary mode doesn't take a newline argument"));
        }
    }
    if let Some(nl) = newline {
        if !matches!(nl, "" | "\n" | "\r" | "\r\n") {
            return Err(PyErr::value_error(format!("illegal newline value: {nl}")));
        }
    }
    if path.contains('\0') {
        return Err(PyErr::value_error("embedded null byte"));
    }

    let mut options = std::fs::OpenOptions::new();
    options.read(mode.read || mode.plus);
    if mode.write {
        options.write(true).create(true).truncate(true);
    } else if mode.append {
        options.append(true).create(true);
    } else if mode.create {
        options.write(true).create_new(true);
    } else if mode.plus {
        options.write(true);
    }
    let handle = options.open(&path).map_err(|e| os_error(&e, Some(&path)))?;
    if handle.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(os_error(&std::io::Error::from_raw_os_error(21), Some(&path)));
    }
    if let Some(enc) = encoding {
        // An unknown encoding fails once the file is open, as in CPython.
        bytes::encode("", enc, "strict")?;
    }

    let readable = mode.read || mode.plus;
    let writable = mode.write || mode.append || mode.create || mode.plus;
    let (class, shown_mode) = if mode.binary {
        let letter = if mode.read {
            'r'
        } else if mode.write {
            'w'
        } else if mode.append {
            'a'
        } else {
            'x'
        };
        let shown = format!("{letter}b{}", if mode.plus { "+" } else { "" });
        let class = match (readable, writable) {
            (true, true) => BUFFERED_RANDOM.with(Rc::clone),
            (true, false) => BUFFERED_READER.with(Rc::clone),
            _ => BUFFERED_WRITER.with(Rc::clone),
        };
        (class, shown)
    } else {
        (text_file_type(), mode_text.clone())
    };
    let state = FileState {
        file: RefCell::new(Some(handle)),
        name: file.clone(),
        mode: shown_mode,
        binary: mode.binary,
        readable,
        writable,
        encoding: encoding.map_or_else(|| "utf-8".to_owned(), str::to_owned),
        errors: errors.unwrap_or("strict").to_owned(),
        translate_newlines: newline.is_none(),
        read_buf: RefCell::new(Vec::new()),
        write_buf: RefCell::new(Vec::new()),
        closed: Cell::new(false),
    };
    Ok(new_object(&class, state, false))
}

// ---- file objects -------------------------------------------------------------------------

/// The state of an open file.
pub struct FileState {
    /// `None` once closed.
    file: RefCell<Option<std::fs::File>>,
    name: Value,
    mode: String,
    binary: bool,
    readable: bool,
    writable: bool,
    encoding: String,
    errors: String,
    /// `newline=None`: `\r\n` and `\r` read as `\n`.
    translate_newlines: bool,
    /// Bytes read from the OS and not consumed yet (they sit before the OS position).
    read_buf: RefCell<Vec<u8>>,
    /// Bytes written and not yet passed to the OS.
    write_buf: RefCell<Vec<u8>>,
    closed: Cell<bool>,
}

impl NativeState for FileState {}

impl Drop for FileState {
    fn drop(&mut self) {
        let _ = self.flush_writes();
    }
}

impl FileState {
    fn check_open(&self) -> PyResult<()> {
        if self.closed.get() {
            Err(PyErr::value_error("I/O operation on closed file."))
        } else {
            Ok(())
        }
    }

    fn name_text(&self) -> String {
        match &self.name {
            Value::Str(s) => s.as_str().to_owned(),
            _ => String::new(),
        }
    }

    fn io_error(&self, e: &std::io::Error) -> PyErr {
        os_error(e, None)
    }

    fn flush_writes(&self) -> PyResult<()> {
        let mut pending = self.write_buf.borrow_mut();
        if pending.is_empty() {
            return Ok(());
        }
        let mut file = self.file.borrow_mut();
        if let Some(f) = file.as_mut() {
            f.write_all(&pending).map_err(|e| self.io_error(&e))?;
        }
        pending.clear();
        Ok(())
    }

    /// Give back read-ahead bytes to the OS position (before a write or a tell).
    fn drop_read_ahead(&self) -> PyResult<()> {
        let mut ahead = self.read_buf.borrow_mut();
        if ahead.is_empty() {
            return Ok(());
        }
        let back = ahead.len() as i64;
        ahead.clear();
        let mut file = self.file.borrow_mut();
        if let Some(f) = file.as_mut() {
            f.seek(SeekFrom::Current(-back)).map_err(|e| self.io_error(&e))?;
        }
        Ok(())
    }

    fn check_readable(&self) -> PyResult<()> {
        self.check_open()?;
        if !self.readable {
            return Err(unsupported_operation("not readable"));
        }
        self.flush_writes()
    }

    /// Read one more chunk into the read-ahead buffer; false at end of file.
    fn fill(&self) -> PyResult<bool> {
        let mut chunk = vec![0u8; CHUNK];
        let n = {
            let mut file = self.file.borrow_mut();
            let Some(f) = file.as_mut() else { return Ok(false) };
            loop {
                match f.read(&mut chunk) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(self.io_error(&e)),
                }
            }
        };
        self.read_buf.borrow_mut().extend_from_slice(&chunk[..n]);
        Ok(n > 0)
    }

    /// Take `n` bytes (or everything, for `None`) from the read-ahead buffer and the file.
    fn take_bytes(&self, n: Option<usize>) -> PyResult<Vec<u8>> {
        loop {
            let have = self.read_buf.borrow().len();
            if n.is_some_and(|n| have >= n) {
                break;
            }
            if !self.fill()? {
                break;
            }
        }
        let mut ahead = self.read_buf.borrow_mut();
        let n = n.unwrap_or(ahead.len()).min(ahead.len());
        Ok(ahead.drain(..n).collect())
    }

    /// The bytes of the next line, its `\n` included (at most `limit` bytes).
    fn take_line(&self, limit: Option<usize>) -> PyResult<Vec<u8>> {
        let mut searched = 0;
        loop {
            let found = {
                let ahead = self.read_buf.borrow();
                ahead[searched..].iter().position(|&b| b == b'\n').map(|i| searched + i + 1)
            };
            let have = self.read_buf.borrow().len();
            if let Some(end) = found {
                return self.take_bytes(Some(limit.map_or(end, |l| l.min(end))));
            }
            if limit.is_some_and(|l| have >= l) {
                return self.take_bytes(limit);
            }
            searched = have;
            if !self.fill()? {
                return self.take_bytes(None);
            }
        }
    }

    fn decode(&self, data: &[u8]) -> PyResult<String> {
        let text = bytes::decode(data, &self.encoding, &self.errors)?;
        Ok(if self.translate_newlines && text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text })
    }

    /// Read `n` characters (all for `None`) of a text file.
    fn read_text(&self, n: Option<usize>) -> PyResult<String> {
        let Some(n) = n else {
            let data = self.take_bytes(None)?;
            return self.decode(&data);
        };
        // Make sure n characters are buffered (each is at most 4 bytes), then cut at the
        // byte boundary after the n-th character.
        loop {
            let (have, chars) = {
                let ahead = self.read_buf.borrow();
                (ahead.len(), ahead.iter().filter(|&&b| (b & 0xc0) != 0x80).count())
            };
            if chars > n || (chars == n && have > 0 && !self.is_utf8()) {
                break;
            }
            if !self.fill()? {
                let _ = have;
                break;
            }
        }
        let cut = {
            let ahead = self.read_buf.borrow();
            if self.is_utf8() {
                let mut count = 0;
                let mut cut = ahead.len();
                for (i, &b) in ahead.iter().enumerate() {
                    if (b & 0xc0) != 0x80 {
                        if count == n {
                            cut = i;
                            break;
                        }
                        count += 1;
                    }
                }
                cut
            } else {
                n.min(ahead.len())
            }
        };
        let data = self.take_bytes(Some(cut))?;
        self.decode(&data)
    }

    fn is_utf8(&self) -> bool {
        matches!(self.encoding.to_ascii_lowercase().replace('_', "-").as_str(), "utf-8" | "utf8" | "u8")
    }

    fn write_bytes(&self, data: &[u8]) -> PyResult<()> {
        self.check_open()?;
        if !self.writable {
            return Err(unsupported_operation("not writable"));
        }
        self.drop_read_ahead()?;
        let mut pending = self.write_buf.borrow_mut();
        pending.try_reserve(data.len()).map_err(|_| PyErr::memory_error())?;
        pending.extend_from_slice(data);
        let big = pending.len() >= WRITE_FLUSH_AT;
        drop(pending);
        if big {
            self.flush_writes()?;
        }
        Ok(())
    }

    fn tell(&self) -> PyResult<i64> {
        self.check_open()?;
        self.flush_writes()?;
        let ahead = self.read_buf.borrow().len() as i64;
        let mut file = self.file.borrow_mut();
        let Some(f) = file.as_mut() else { return Err(closed_error()) };
        let pos = f.stream_position().map_err(|e| self.io_error(&e))? as i64;
        Ok(pos - ahead)
    }
}

fn state<'a>(call: &CallArgs<'a>, method: &str) -> PyResult<&'a FileState> {
    self_state::<FileState>(call, "_io.TextIOWrapper", method)
}

fn file_read(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [size] = crate::objects::args::positional::<1>("read", &call, 0)?;
    let f = state(&call, "read")?;
    f.check_readable()?;
    let size = size_arg(size)?;
    if f.binary {
        return Ok(bytes::new_bytes(f.take_bytes(size)?));
    }
    Ok(Value::string(f.read_text(size)?))
}

fn read_line(f: &FileState, limit: Option<usize>) -> PyResult<Value> {
    f.check_readable()?;
    if f.binary {
        return Ok(bytes::new_bytes(f.take_line(limit)?));
    }
    let mut line = f.take_line(None)?;
    // A `\r\n` split across the end of the line read so far cannot happen: lines end at `\n`.
    if let Some(limit) = limit {
        let text = f.decode(&line)?;
        if text.chars().count() > limit {
            let keep: String = text.chars().take(limit).collect();
            let rest = text.chars().skip(limit).collect::<String>();
            let mut back = bytes::encode(&rest, &f.encoding, &f.errors)?;
            let mut ahead = f.read_buf.borrow_mut();
            back.extend_from_slice(&ahead);
            *ahead = back;
            return Ok(Value::string(keep));
        }
        return Ok(Value::string(text));
    }
    if f.translate_newlines && line.ends_with(b"\r") {
        // A lone `\r` at the end of the data read so far may be the first half of `\r\n`.
        let next = f.take_bytes(Some(1))?;
        if next != b"\n" {
            let mut ahead = f.read_buf.borrow_mut();
            let mut back = next;
            back.extend_from_slice(&ahead);
            *ahead = back;
        } else {
            line.push(b'\n');
        }
    }
    Ok(Value::string(f.decode(&line)?))
}

fn file_readline(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [size] = crate::objects::args::positional::<1>("readline", &call, 0)?;
    let f = state(&call, "readline")?;
    read_line(f, size_arg(size)?)
}

fn is_empty_line(v: &Value) -> bool {
    match v {
        Value::Str(s) => s.as_str().is_empty(),
        Value::Bytes(b) => b.data.is_empty(),
        _ => true,
    }
}

fn file_readlines(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [hint] = crate::objects::args::positional::<1>("readlines", &call, 0)?;
    let f = state(&call, "readlines")?;
    let hint = size_arg(hint)?.filter(|&h| h > 0);
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let line = read_line(f, None)?;
        if is_empty_line(&line) {
            break;
        }
        total += match &line {
            Value::Str(s) => s.char_count(),
            Value::Bytes(b) => b.data.len(),
            _ => 0,
        };
        lines.push(line);
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(Value::list(lines))
}

fn write_value(f: &FileState, value: &Value) -> PyResult<i64> {
    if f.binary {
        let data = bytes::view(value).map(|d| d.to_vec()).ok_or_else(|| {
            PyErr::type_error(format!("a bytes-like object is required, not '{}'", ops::type_name(value)))
        })?;
        f.write_bytes(&data)?;
        return Ok(data.len() as i64);
    }
    match value {
        Value::Str(s) => {
            let data = bytes::encode(s.as_str(), &f.encoding, &f.errors)?;
            f.write_bytes(&data)?;
            Ok(s.char_count() as i64)
        }
        other => Err(PyErr::type_error(format!("write() argument must be str, not {}", ops::type_name(other)))),
    }
}

fn file_write(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [data] = crate::objects::args::positional::<1>("write", &call, 1)?;
    let f = state(&call, "write")?;
    Ok(Value::Int(write_value(f, data.unwrap_or(&Value::None))?))
}

fn file_writelines(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [lines] = crate::objects::args::positional::<1>("writelines", &call, 1)?;
    let f = state(&call, "writelines")?;
    f.check_open()?;
    for line in ops::collect(vm, lines.unwrap_or(&Value::None))? {
        write_value(f, &line)?;
    }
    Ok(Value::None)
}

fn file_flush(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let f = state(&call, "flush")?;
    f.check_open()?;
    f.flush_writes()?;
    Ok(Value::None)
}

fn file_close(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let f = state(&call, "close")?;
    if f.closed.get() {
        return Ok(Value::None);
    }
    let flushed = f.flush_writes();
    f.closed.set(true);
    f.read_buf.borrow_mut().clear();
    f.file.borrow_mut().take();
    flushed?;
    Ok(Value::None)
}

fn file_tell(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let f = state(&call, "tell")?;
    Ok(Value::Int(f.tell()?))
}

fn file_seek(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [offset, whence] = crate::objects::args::positional::<2>("seek", &call, 1)?;
    let f = state(&call, "seek")?;
    f.check_open()?;
    let offset = crate::objects::int::index_i64(offset.unwrap_or(&Value::Int(0)))?;
    let whence = match whence {
        None => 0,
        Some(w) => crate::objects::int::index_i64(w)?,
    };
    if !f.binary && whence != 0 && offset != 0 {
        let which = if whence == 1 { "cur" } else { "end" };
        return Err(unsupported_operation(&format!("can't do nonzero {which}-relative seeks")));
    }
    let target = match whence {
        0 if offset < 0 => return Err(PyErr::value_error(format!("negative seek position {offset}"))),
        0 => SeekFrom::Start(offset as u64),
        1 => {
            // Relative to the position Python sees, not the OS one past the read-ahead.
            let current = f.tell()?;
            SeekFrom::Start(current.saturating_add(offset).max(0) as u64)
        }
        2 => SeekFrom::End(offset),
        _ => return Err(PyErr::value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    f.flush_writes()?;
    f.read_buf.borrow_mut().clear();
    let mut file = f.file.borrow_mut();
    let Some(handle) = file.as_mut() else { return Err(closed_error()) };
    let pos = handle.seek(target).map_err(|e| f.io_error(&e))?;
    Ok(Value::Int(pos as i64))
}

fn file_truncate(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [size] = crate::objects::args::positional::<1>("truncate", &call, 0)?;
    let f = state(&call, "truncate")?;
    f.check_open()?;
    if !f.writable {
        return Err(unsupported_operation("File not open for writing"));
    }
    let size = match size {
        None | Some(Value::None) => f.tell()?,
        Some(v) => crate::objects::int::index_i64(v)?,
    };
    if size < 0 {
        return Err(PyErr::value_error(format!("Negative size value {size}")));
    }
    f.flush_writes()?;
    f.drop_read_ahead()?;
    let file = f.file.borrow();
    if let Some(handle) = file.as_ref() {
        handle.set_len(size as u64).map_err(|e| f.io_error(&e))?;
    }
    Ok(Value::Int(size))
}

fn file_fileno(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let f = state(&call, "fileno")?;
    f.check_open()?;
    let file = f.file.borrow();
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        if let Some(handle) = file.as_ref() {
            return Ok(Value::Int(handle.as_raw_fd() as i64));
        }
    }
    drop(file);
    Err(unsupported_operation("fileno"))
}

fn file_readable(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let f = state(&call, "readable")?;
    f.check_open()?;
    Ok(Value::bool(f.readable))
}

fn file_writable(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let f = state(&call, "writable")?;
    f.check_open()?;
    Ok(Value::bool(f.writable))
}

fn file_seekable(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    state(&call, "seekable")?.check_open()?;
    Ok(Value::bool(true))
}

fn file_isatty(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    state(&call, "isatty")?.check_open()?;
    Ok(Value::bool(false))
}

fn file_iter(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    state(&call, "__iter__")?.check_open()?;
    Ok(call.args.first().cloned().unwrap_or(Value::None))
}

fn file_next(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let f = state(&call, "__next__")?;
    let line = read_line(f, None)?;
    if is_empty_line(&line) {
        return Err(PyErr::stop_iteration());
    }
    Ok(line)
}

fn file_getattr(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let f = state(&call, "__getattr__")?;
    let Some(Value::Str(name)) = call.args.get(1) else {
        return Err(PyErr::type_error("attribute name must be string"));
    };
    Ok(match name.as_str() {
        "name" => f.name.clone(),
        "mode" => Value::str(&f.mode),
        "closed" => Value::bool(f.closed.get()),
        "encoding" if !f.binary => Value::str(&f.encoding),
        "errors" if !f.binary => Value::str(&f.errors),
        "newlines" if !f.binary => Value::None,
        "line_buffering" if !f.binary => Value::bool(false),
        other => {
            let type_name = call.args.first().map(|v| crate::objects::types::type_of(v).name.to_string()).unwrap_or_default();
            return Err(PyErr::attribute_error(format!("'_io.{type_name}' object has no attribute '{other}'")));
        }
    })
}

fn file_repr(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let f = state(&call, "__repr__")?;
    let type_name = call.args.first().map(|v| crate::objects::types::type_of(v).name.to_string()).unwrap_or_default();
    let name = ops::repr(vm, &f.name)?;
    let _ = f.name_text();
    Ok(Value::string(if f.binary {
        format!("<_io.{type_name} name={name}>")
    } else {
        format!("<_io.{type_name} name={name} mode='{}' encoding='{}'>", f.mode, f.encoding)
    }))
}

const FILE_METHODS: &[(&str, NativeFn)] = &[
    ("read", file_read),
    ("readline", file_readline),
    ("readlines", file_readlines),
    ("write", file_write),
    ("writelines", file_writelines),
    ("flush", file_flush),
    ("close", file_close),
    ("tell", file_tell),
    ("seek", file_seek),
    ("truncate", file_truncate),
    ("fileno", file_fileno),
    ("readable", file_readable),
    ("writable", file_writable),
    ("seekable", file_seekable),
    ("isatty", file_isatty),
    ("__iter__", file_iter),
    ("__next__", file_next),
    ("__enter__", stream_enter),
    ("__exit__", stream_exit),
    ("__getattr__", file_getattr),
    ("__repr__", file_repr),
];

// ---- standard streams ---------------------------------------------------------------------

/// Which standard stream a `sys.std*` object is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum StdStream {
    Stdin,
    Stdout,
    Stderr,
}

impl NativeState for StdStream {}

impl StdStream {
    fn name(self) -> &'static str {
        match self {
            StdStream::Stdin => "<stdin>",
            StdStream::Stdout => "<stdout>",
            StdStream::Stderr => "<stderr>",
        }
    }

    fn fd(self) -> i64 {
        match self {
            StdStream::Stdin => 0,
            StdStream::Stdout => 1,
            StdStream::Stderr => 2,
        }
    }
}

/// A new `sys.stdin`/`sys.stdout`/`sys.stderr` object.
pub fn std_stream(which: StdStream) -> Value {
    let class = STD_STREAM.with(Rc::clone);
    new_object(&class, which, false)
}

fn stream<'a>(call: &CallArgs<'a>, method: &str) -> PyResult<StdStream> {
    self_state::<StdStream>(call, "_io.TextIOWrapper", method).copied()
}

fn write_text(which: StdStream, text: &str) -> PyResult<()> {
    match which {
        StdStream::Stdout => stdio::write_stdout(text),
        StdStream::Stderr => stdio::write_stderr(text),
        StdStream::Stdin => Err(unsupported_operation("not writable")),
    }
}

fn std_write(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    unsupported_operation_type(vm)?;
    let [text] = crate::objects::args::positional::<1>("write", &call, 1)?;
    let which = stream(&call, "write")?;
    match text {
        Some(Value::Str(s)) => {
            write_text(which, s.as_str())?;
            Ok(Value::Int(s.char_count() as i64))
        }
        Some(other) => Err(PyErr::type_error(format!("write() argument must be str, not {}", ops::type_name(other)))),
        None => Ok(Value::Int(0)),
    }
}

fn std_writelines(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [lines] = crate::objects::args::positional::<1>("writelines", &call, 1)?;
    let which = stream(&call, "writelines")?;
    for line in ops::collect(vm, lines.unwrap_or(&Value::None))? {
        match &line {
            Value::Str(s) => write_text(which, s.as_str())?,
            other => {
                return Err(PyErr::type_error(format!("write() argument must be str, not {}", ops::type_name(other))))
            }
        }
    }
    Ok(Value::None)
}

fn std_flush(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::args::positional::<0>("flush", &call, 0)?;
    if stream(&call, "flush")? == StdStream::Stdout {
        stdio::flush_stdout()?;
    }
    Ok(Value::None)
}

fn std_isatty(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::args::positional::<0>("isatty", &call, 0)?;
    use std::io::IsTerminal;
    Ok(Value::bool(match stream(&call, "isatty")? {
        StdStream::Stdin => std::io::stdin().is_terminal(),
        StdStream::Stdout => std::io::stdout().is_terminal(),
        StdStream::Stderr => std::io::stderr().is_terminal(),
    }))
}

fn std_fileno(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::args::positional::<0>("fileno", &call, 0)?;
    Ok(Value::Int(stream(&call, "fileno")?.fd()))
}

fn std_readable(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::bool(stream(&call, "readable")? == StdStream::Stdin))
}

fn std_writable(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::bool(stream(&call, "writable")? != StdStream::Stdin))
}

fn std_false(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    stream(&call, "seekable")?;
    Ok(Value::bool(false))
}

fn check_stdin(which: StdStream) -> PyResult<()> {
    if which == StdStream::Stdin {
        Ok(())
    } else {
        Err(unsupported_operation("not readable"))
    }
}

fn std_readline(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    unsupported_operation_type(vm)?;
    let [_size] = crate::objects::args::positional::<1>("readline", &call, 0)?;
    check_stdin(stream(&call, "readline")?)?;
    Ok(Value::string(stdio::read_stdin_line()?.unwrap_or_default()))
}

fn std_read(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    unsupported_operation_type(vm)?;
    let [size] = crate::objects::args::positional::<1>("read", &call, 0)?;
    check_stdin(stream(&call, "read")?)?;
    match size_arg(size)? {
        None => Ok(Value::string(stdio::read_stdin_all()?)),
        Some(n) => {
            // Read whole lines until n characters are available; the rest is lost (stdin is
            // read a line at a time).
            let mut text = String::new();
            while text.chars().count() < n {
                match stdio::read_stdin_line()? {
                    Some(line) => text.push_str(&line),
                    None => break,
                }
            }
            Ok(Value::string(text.chars().take(n).collect()))
        }
    }
}

fn std_readlines(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [_hint] = crate::objects::args::positional::<1>("readlines", &call, 0)?;
    check_stdin(stream(&call, "readlines")?)?;
    let mut lines = Vec::new();
    while let Some(line) = stdio::read_stdin_line()? {
        lines.push(Value::string(line));
    }
    Ok(Value::list(lines))
}

fn std_iter(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    stream(&call, "__iter__")?;
    Ok(call.args.first().cloned().unwrap_or(Value::None))
}

fn std_next(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    check_stdin(stream(&call, "__next__")?)?;
    match stdio::read_stdin_line()? {
        Some(line) => Ok(Value::string(line)),
        None => Err(PyErr::stop_iteration()),
    }
}

fn std_getattr(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let which = stream(&call, "__getattr__")?;
    let Some(Value::Str(name)) = call.args.get(1) else {
        return Err(PyErr::type_error("attribute name must be string"));
    };
    Ok(match name.as_str() {
        "name" => Value::str(which.name()),
        "mode" => Value::str(if which == StdStream::Stdin { "r" } else { "w" }),
        "encoding" => Value::str("utf-8"),
        "errors" => Value::str(if which == StdStream::Stderr { "backslashreplace" } else { "strict" }),
        "closed" => Value::bool(false),
        "line_buffering" => Value::bool(false),
        "newlines" => Value::None,
        other => {
            return Err(PyErr::attribute_error(format!("'_io.TextIOWrapper' object has no attribute '{other}'")))
        }
    })
}

fn std_repr(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let which = stream(&call, "__repr__")?;
    let mode = if which == StdStream::Stdin { "r" } else { "w" };
    Ok(Value::string(format!("<_io.TextIOWrapper name='{}' mode='{mode}' encoding='utf-8'>", which.name())))
}

/// `__exit__` of a standard stream: nothing to close.
fn std_exit(_vm: &mut Vm, _call: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

fn std_close(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    if stream(&call, "close")? == StdStream::Stdout {
        stdio::flush_stdout()?;
    }
    Ok(Value::None)
}

const STD_STREAM_METHODS: &[(&str, NativeFn)] = &[
    ("write", std_write),
    ("writelines", std_writelines),
    ("flush", std_flush),
    ("isatty", std_isatty),
    ("fileno", std_fileno),
    ("readable", std_readable),
    ("writable", std_writable),
    ("seekable", std_false),
    ("readline", std_readline),
    ("read", std_read),
    ("readlines", std_readlines),
    ("close", std_close),
    ("__iter__", std_iter),
    ("__next__", std_next),
    ("__enter__", stream_enter),
    ("__exit__", std_exit),
    ("__getattr__", std_getattr),
    ("__repr__", std_repr),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_like_cpython() {
        assert!(parse_mode("r").is_ok_and(|m| m.read && !m.binary));
        assert!(parse_mode("r+b").is_ok_and(|m| m.read && m.plus && m.binary));
        assert!(parse_mode("rw").is_err());
        assert!(parse_mode("rr").is_err());
        assert!(parse_mode("bt").is_err());
        assert!(parse_mode("z").is_err());
        assert!(parse_mode("b").is_err());
    }
}
