//! The `io` module: in-memory streams `StringIO` (text, positions in characters) and
//! `BytesIO` (bytes), plus `open` (the builtin, from `fileio`) and the file types.
//! Both memory streams support read/readline/readlines/write/writelines/getvalue/seek/tell/
//! truncate/close, iteration by lines and the context-manager protocol.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::modules::support::{new_object, self_state};
use crate::objects::bytes;
use crate::objects::types::{PyType, TypeId};
use crate::ops;
use crate::value::{CallArgs, NativeFn, NativeState, PyModule, Value};
use crate::vm::Vm;

pub fn init(vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("io");
    m.add("StringIO", Value::Type(string_io_type()));
    m.add("BytesIO", Value::Type(bytes_io_type()));
    m.add("TextIOWrapper", Value::Type(crate::modules::fileio::text_file_type()));
    m.add("open", vm.builtins.get_str("open").unwrap_or(Value::None));
    m.add("DEFAULT_BUFFER_SIZE", Value::Int(8192));
    m.add("UnsupportedOperation", Value::Type(crate::modules::fileio::unsupported_operation_type(vm)?));
    m.add("SEEK_SET", Value::Int(0));
    m.add("SEEK_CUR", Value::Int(1));
    m.add("SEEK_END", Value::Int(2));
    Ok(m)
}

thread_local! {
    static STRING_IO: Rc<PyType> = PyType::new_native("StringIO", "_io", STRING_IO_METHODS);
    static BYTES_IO: Rc<PyType> = PyType::new_native("BytesIO", "_io", BYTES_IO_METHODS);
}

pub fn string_io_type() -> Rc<PyType> {
    STRING_IO.with(Rc::clone)
}

pub fn bytes_io_type() -> Rc<PyType> {
    BYTES_IO.with(Rc::clone)
}

/// ValueError for any operation on a closed stream.
pub fn closed_error() -> PyErr {
    PyErr::value_error("I/O operation on closed file")
}

/// A size argument: None or negative means "all".
pub fn size_arg(v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => {
            let n = crate::objects::int::index_i64(v)?;
            Ok(usize::try_from(n).ok())
        }
        Some(other) => Err(PyErr::type_error(format!(
            "argument should be integer or None, not '{}'",
            ops::type_name(other)
        ))),
    }
}

/// The new absolute position of `seek(offset, whence)` on a stream of `len` units at `pos`,
/// with StringIO's rules (only zero offsets relative to the current position or the end).
fn memory_seek(offset: &Value, whence: Option<&Value>, pos: usize, len: usize) -> PyResult<usize> {
    let offset = crate::objects::int::index_i64(offset)?;
    let whence = match whence {
        None => 0,
        Some(w) => crate::objects::int::index_i64(w)?,
    };
    match whence {
        0 => {
            if offset < 0 {
                return Err(PyErr::value_error(format!("Negative seek position {offset}")));
            }
            Ok(offset as usize)
        }
        1 | 2 => {
            if offset != 0 {
                let which = if whence == 1 { "cur" } else { "end" };
                return Err(PyErr::new(TypeId::OSError, format!("Can't do nonzero {which}-relative seeks")));
            }
            Ok(if whence == 1 { pos } else { len })
        }
        _ => Err(PyErr::value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)"))),
    }
}

fn no_extra_args(call: &CallArgs<'_>, name: &str) -> PyResult<()> {
    crate::objects::args::positional::<0>(name, call, 0).map(|_| ())
}

fn self_value(call: &CallArgs<'_>) -> Value {
    call.args.first().cloned().unwrap_or(Value::None)
}

// ---- StringIO -----------------------------------------------------------------------------

/// The state of a `StringIO`: its text as characters and the current position.
pub struct StringIoState {
    chars: RefCell<Vec<char>>,
    pos: Cell<usize>,
    closed: Cell<bool>,
}

impl NativeState for StringIoState {}

impl StringIoState {
    fn check_open(&self) -> PyResult<()> {
        if self.closed.get() {
            Err(closed_error())
        } else {
            Ok(())
        }
    }

    /// Write `text` at the current position (padding with NULs past the end).
    pub fn write_str(&self, text: &str) -> PyResult<usize> {
        self.check_open()?;
        let mut chars = self.chars.borrow_mut();
        let pos = self.pos.get();
        if pos > chars.len() {
            chars.resize(pos, '\0');
        }
        let mut written = 0;
        for (i, c) in text.chars().enumerate() {
            match chars.get_mut(pos + i) {
                Some(slot) => *slot = c,
                None => {
                    if chars.len() == chars.capacity() {
                        chars.try_reserve(text.len().max(16)).map_err(|_| PyErr::memory_error())?;
                    }
                    chars.push(c);
                }
            }
            written += 1;
        }
        self.pos.set(pos + written);
        Ok(written)
    }

    fn read_chars(&self, limit: Option<usize>) -> PyResult<String> {
        self.check_open()?;
        let chars = self.chars.borrow();
        let pos = self.pos.get().min(chars.len());
        let end = match limit {
            Some(n) => pos.saturating_add(n).min(chars.len()),
            None => chars.len(),
        };
        self.pos.set(end.max(self.pos.get()));
        Ok(chars[pos..end].iter().collect())
    }

    fn read_line(&self, limit: Option<usize>) -> PyResult<String> {
        self.check_open()?;
        let chars = self.chars.borrow();
        let pos = self.pos.get().min(chars.len());
        let max_end = match limit {
            Some(n) => pos.saturating_add(n).min(chars.len()),
            None => chars.len(),
        };
        let end = chars[pos..max_end].iter().position(|&c| c == '\n').map_or(max_end, |i| pos + i + 1);
        if end > self.pos.get() {
            self.pos.set(end);
        }
        Ok(chars[pos..end].iter().collect())
    }

    /// The whole text.
    pub fn value(&self) -> String {
        self.chars.borrow().iter().collect()
    }
}

fn sio<'a>(call: &CallArgs<'a>, method: &str) -> PyResult<&'a StringIoState> {
    self_state::<StringIoState>(call, "_io.StringIO", method)
}

fn sio_new(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let class = match call.args.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => string_io_type(),
    };
    let rest = CallArgs { args: call.args.get(1..).unwrap_or(&[]), kwnames: call.kwnames };
    let slots: [Option<&Value>; 2] = crate::builtins::args::parse(
        &rest,
        &crate::builtins::args::Signature {
            name: "StringIO",
            params: &["initial_value", "newline"],
            positional: 2,
            required: 0,
            positional_only: 0,
        },
    )?;
    let initial: Vec<char> = match slots[0] {
        None | Some(Value::None) => Vec::new(),
        Some(Value::Str(s)) => s.as_str().chars().collect(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "initial_value must be str or None, not {}",
                ops::type_name(other)
            )))
        }
    };
    match slots[1] {
        None | Some(Value::None) => {}
        Some(Value::Str(s)) if matches!(s.as_str(), "" | "\n" | "\r" | "\r\n") => {}
        Some(Value::Str(s)) => return Err(PyErr::value_error(format!("illegal newline value: {}", s.as_str()))),
        Some(other) => {
            return Err(PyErr::type_error(format!("newline must be str or None, not {}", ops::type_name(other))))
        }
    }
    let state = StringIoState { chars: RefCell::new(initial), pos: Cell::new(0), closed: Cell::new(false) };
    Ok(new_object(&class, state, false))
}

/// `__init__` of the memory streams: everything happened in `__new__`.
fn accept_init(_vm: &mut Vm, _call: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

fn sio_write(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [text] = crate::objects::args::positional::<1>("write", &call, 1)?;
    let state = sio(&call, "write")?;
    match text {
        Some(Value::Str(s)) => Ok(Value::Int(state.write_str(s.as_str())? as i64)),
        Some(other) => {
            Err(PyErr::type_error(format!("string argument expected, got '{}'", ops::type_name(other))))
        }
        None => Ok(Value::Int(0)),
    }
}

fn sio_writelines(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [lines] = crate::objects::args::positional::<1>("writelines", &call, 1)?;
    let state = sio(&call, "writelines")?;
    state.check_open()?;
    for line in ops::collect(vm, lines.unwrap_or(&Value::None))? {
        match &line {
            Value::Str(s) => {
                state.write_str(s.as_str())?;
            }
            other => {
                return Err(PyErr::type_error(format!(
                    "string argument expected, got '{}'",
                    ops::type_name(other)
                )))
            }
        }
    }
    Ok(Value::None)
}

fn sio_read(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [size] = crate::objects::args::positional::<1>("read", &call, 0)?;
    let state = sio(&call, "read")?;
    Ok(Value::string(state.read_chars(size_arg(size)?)?))
}

fn sio_readline(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [size] = crate::objects::args::positional::<1>("readline", &call, 0)?;
    let state = sio(&call, "readline")?;
    Ok(Value::string(state.read_line(size_arg(size)?)?))
}

fn sio_readlines(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [hint] = crate::objects::args::positional::<1>("readlines", &call, 0)?;
    let state = sio(&call, "readlines")?;
    let hint = size_arg(hint)?.filter(|&h| h > 0);
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let line = state.read_line(None)?;
        if line.is_empty() {
            break;
        }
        total += line.chars().count();
        lines.push(Value::string(line));
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(Value::list(lines))
}

fn sio_getvalue(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    no_extra_args(&call, "getvalue")?;
    let state = sio(&call, "getvalue")?;
    state.check_open()?;
    Ok(Value::string(state.value()))
}

fn sio_seek(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [offset, whence] = crate::objects::args::positional::<2>("seek", &call, 1)?;
    let state = sio(&call, "seek")?;
    state.check_open()?;
    let len = state.chars.borrow().len();
    let pos = memory_seek(offset.unwrap_or(&Value::Int(0)), whence, state.pos.get(), len)?;
    state.pos.set(pos);
    Ok(Value::Int(pos as i64))
}

fn sio_tell(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    no_extra_args(&call, "tell")?;
    let state = sio(&call, "tell")?;
    state.check_open()?;
    Ok(Value::Int(state.pos.get() as i64))
}

fn sio_truncate(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [size] = crate::objects::args::positional::<1>("truncate", &call, 0)?;
    let state = sio(&call, "truncate")?;
    state.check_open()?;
    let size = match size {
        None | Some(Value::None) => state.pos.get(),
        Some(v) => {
            let n = crate::objects::int::index_i64(v)?;
            if n < 0 {
                return Err(PyErr::value_error(format!("Negative size value {n}")));
            }
            n as usize
        }
    };
    state.chars.borrow_mut().truncate(size);
    Ok(Value::Int(size as i64))
}

fn sio_close(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    no_extra_args(&call, "close")?;
    let state = sio(&call, "close")?;
    state.closed.set(true);
    state.chars.borrow_mut().clear();
    Ok(Value::None)
}

fn sio_iter(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    sio(&call, "__iter__")?.check_open()?;
    Ok(self_value(&call))
}

fn sio_next(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let line = sio(&call, "__next__")?.read_line(None)?;
    if line.is_empty() {
        return Err(PyErr::stop_iteration());
    }
    Ok(Value::string(line))
}

fn sio_getattr(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let state = sio(&call, "__getattr__")?;
    match call.args.get(1) {
        Some(Value::Str(name)) => match name.as_str() {
            "closed" => Ok(Value::bool(state.closed.get())),
            "line_buffering" => Ok(Value::bool(false)),
            "newlines" | "encoding" | "errors" => Ok(Value::None),
            other => Err(PyErr::attribute_error(format!("'_io.StringIO' object has no attribute '{other}'"))),
        },
        _ => Err(PyErr::type_error("attribute name must be string")),
    }
}

/// Methods every stream has that need no state: `__enter__`, `isatty`, `flush`, ...
pub(crate) fn stream_enter(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    Ok(self_value(&call))
}

/// `__exit__(*exc_info)`: close the stream; exceptions are not suppressed.
pub(crate) fn stream_exit(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let this = self_value(&call);
    let close = ops::getattr(vm, &this, "close")?;
    vm.call(&close, &[])?;
    Ok(Value::None)
}

fn sio_flush(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    sio(&call, "flush")?.check_open()?;
    Ok(Value::None)
}

fn sio_true(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    sio(&call, "readable")?.check_open()?;
    Ok(Value::bool(true))
}

fn sio_isatty(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    sio(&call, "isatty")?.check_open()?;
    Ok(Value::bool(false))
}

const STRING_IO_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", sio_new),
    ("__init__", accept_init),
    ("write", sio_write),
    ("writelines", sio_writelines),
    ("read", sio_read),
    ("readline", sio_readline),
    ("readlines", sio_readlines),
    ("getvalue", sio_getvalue),
    ("seek", sio_seek),
    ("tell", sio_tell),
    ("truncate", sio_truncate),
    ("close", sio_close),
    ("flush", sio_flush),
    ("readable", sio_true),
    ("writable", sio_true),
    ("seekable", sio_true),
    ("isatty", sio_isatty),
    ("__iter__", sio_iter),
    ("__next__", sio_next),
    ("__enter__", stream_enter),
    ("__exit__", stream_exit),
    ("__getattr__", sio_getattr),
];

// ---- BytesIO ------------------------------------------------------------------------------

/// The state of a `BytesIO`.
pub struct BytesIoState {
    data: RefCell<Vec<u8>>,
    pos: Cell<usize>,
    closed: Cell<bool>,
}

impl NativeState for BytesIoState {}

impl BytesIoState {
    fn check_open(&self) -> PyResult<()> {
        if self.closed.get() {
            Err(closed_error())
        } else {
            Ok(())
        }
    }

    fn read(&self, limit: Option<usize>, line: bool) -> PyResult<Vec<u8>> {
        self.check_open()?;
        let data = self.data.borrow();
        let pos = self.pos.get().min(data.len());
        let mut end = match limit {
            Some(n) => pos.saturating_add(n).min(data.len()),
            None => data.len(),
        };
        if line {
            end = data[pos..end].iter().position(|&b| b == b'\n').map_or(end, |i| pos + i + 1);
        }
        if end > self.pos.get() {
            self.pos.set(end);
        }
        Ok(data[pos..end].to_vec())
    }
}

fn bio<'a>(call: &CallArgs<'a>, method: &str) -> PyResult<&'a BytesIoState> {
    self_state::<BytesIoState>(call, "_io.BytesIO", method)
}

fn bio_new(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let class = match call.args.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => bytes_io_type(),
    };
    let rest = CallArgs { args: call.args.get(1..).unwrap_or(&[]), kwnames: call.kwnames };
    let slots: [Option<&Value>; 1] = crate::builtins::args::parse(
        &rest,
        &crate::builtins::args::Signature {
            name: "BytesIO",
            params: &["initial_bytes"],
            positional: 1,
            required: 0,
            positional_only: 0,
        },
    )?;
    let initial = match slots[0] {
        None | Some(Value::None) => Vec::new(),
        Some(v) => match bytes::view(v) {
            Some(d) => d.to_vec(),
            None => {
                return Err(PyErr::type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    ops::type_name(v)
                )))
            }
        },
    };
    let state = BytesIoState { data: RefCell::new(initial), pos: Cell::new(0), closed: Cell::new(false) };
    Ok(new_object(&class, state, false))
}

fn bio_write(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [data] = crate::objects::args::positional::<1>("write", &call, 1)?;
    let state = bio(&call, "write")?;
    state.check_open()?;
    let data = data.unwrap_or(&Value::None);
    let new = bytes::view(data).map(|d| d.to_vec()).ok_or_else(|| {
        PyErr::type_error(format!("a bytes-like object is required, not '{}'", ops::type_name(data)))
    })?;
    let mut buf = state.data.borrow_mut();
    let pos = state.pos.get();
    if pos > buf.len() {
        buf.resize(pos, 0);
    }
    let overlap = (buf.len() - pos).min(new.len());
    buf[pos..pos + overlap].copy_from_slice(&new[..overlap]);
    buf.try_reserve(new.len() - overlap).map_err(|_| PyErr::memory_error())?;
    buf.extend_from_slice(&new[overlap..]);
    state.pos.set(pos + new.len());
    Ok(Value::Int(new.len() as i64))
}

fn bio_read(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [size] = crate::objects::args::positional::<1>("read", &call, 0)?;
    let state = bio(&call, "read")?;
    Ok(bytes::new_bytes(state.read(size_arg(size)?, false)?))
}

fn bio_readline(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [size] = crate::objects::args::positional::<1>("readline", &call, 0)?;
    let state = bio(&call, "readline")?;
    Ok(bytes::new_bytes(state.read(size_arg(size)?, true)?))
}

fn bio_readlines(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    no_extra_args(&call, "readlines")?;
    let state = bio(&call, "readlines")?;
    let mut lines = Vec::new();
    loop {
        let line = state.read(None, true)?;
        if line.is_empty() {
            break;
        }
        lines.push(bytes::new_bytes(line));
    }
    Ok(Value::list(lines))
}

fn bio_getvalue(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    no_extra_args(&call, "getvalue")?;
    let state = bio(&call, "getvalue")?;
    state.check_open()?;
    Ok(bytes::new_bytes(state.data.borrow().clone()))
}

fn bio_seek(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [offset, whence] = crate::objects::args::positional::<2>("seek", &call, 1)?;
    let state = bio(&call, "seek")?;
    state.check_open()?;
    let offset = crate::objects::int::index_i64(offset.unwrap_or(&Value::Int(0)))?;
    let whence = match whence {
        None => 0,
        Some(w) => crate::objects::int::index_i64(w)?,
    };
    let base = match whence {
        0 => {
            if offset < 0 {
                return Err(PyErr::value_error(format!("negative seek value {offset}")));
            }
            0
        }
        1 => state.pos.get() as i64,
        2 => state.data.borrow().len() as i64,
        _ => return Err(PyErr::value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    let pos = base.saturating_add(offset).max(0) as usize;
    state.pos.set(pos);
    Ok(Value::Int(pos as i64))
}

fn bio_tell(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    no_extra_args(&call, "tell")?;
    let state = bio(&call, "tell")?;
    state.check_open()?;
    Ok(Value::Int(state.pos.get() as i64))
}

fn bio_truncate(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [size] = crate::objects::args::positional::<1>("truncate", &call, 0)?;
    let state = bio(&call, "truncate")?;
    state.check_open()?;
    let size = match size {
        None | Some(Value::None) => state.pos.get(),
        Some(v) => {
            let n = crate::objects::int::index_i64(v)?;
            if n < 0 {
                return Err(PyErr::value_error(format!("negative size value {n}")));
            }
            n as usize
        }
    };
    state.data.borrow_mut().truncate(size);
    Ok(Value::Int(size as i64))
}

fn bio_close(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    no_extra_args(&call, "close")?;
    let state = bio(&call, "close")?;
    state.closed.set(true);
    state.data.borrow_mut().clear();
    Ok(Value::None)
}

fn bio_iter(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    bio(&call, "__iter__")?.check_open()?;
    Ok(self_value(&call))
}

fn bio_next(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let line = bio(&call, "__next__")?.read(None, true)?;
    if line.is_empty() {
        return Err(PyErr::stop_iteration());
    }
    Ok(bytes::new_bytes(line))
}

fn bio_getattr(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let state = bio(&call, "__getattr__")?;
    match call.args.get(1) {
        Some(Value::Str(name)) if name.as_str() == "closed" => Ok(Value::bool(state.closed.get())),
        Some(Value::Str(name)) => {
            Err(PyErr::attribute_error(format!("'_io.BytesIO' object has no attribute '{}'", name.as_str())))
        }
        _ => Err(PyErr::type_error("attribute name must be string")),
    }
}

fn bio_flush(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    bio(&call, "flush")?.check_open()?;
    Ok(Value::None)
}

fn bio_true(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    bio(&call, "readable")?.check_open()?;
    Ok(Value::bool(true))
}

const BYTES_IO_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", bio_new),
    ("__init__", accept_init),
    ("write", bio_write),
    ("read", bio_read),
    ("readline", bio_readline),
    ("readlines", bio_readlines),
    ("getvalue", bio_getvalue),
    ("seek", bio_seek),
    ("tell", bio_tell),
    ("truncate", bio_truncate),
    ("close", bio_close),
    ("flush", bio_flush),
    ("readable", bio_true),
    ("writable", bio_true),
    ("seekable", bio_true),
    ("__iter__", bio_iter),
    ("__next__", bio_next),
    ("__enter__", stream_enter),
    ("__exit__", stream_exit),
    ("__getattr__", bio_getattr),
];
