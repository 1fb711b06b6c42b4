//! Exception objects: construction (`BaseException.__new__`/`__init__` and the special
//! arguments of OSError and ImportError), `str`/`repr`, attributes (`args`, `__cause__`,
//! `__context__`, `__suppress_context__`, `__traceback__`, `StopIteration.value`,
//! `SystemExit.code`, OSError's `errno`/`strerror`/`filename`, instance attributes of user
//! subclasses) and the traceback object.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::objects::types::{builtin_type, type_of, MethodTable, PyType, TypeId};
use crate::value::{CallArgs, NativeState, PyException, PyObject, PyTuple, TraceEntry, Value};
use crate::vm::Vm;

/// Methods registered on `BaseException` (and so inherited by every exception class).
pub static METHODS: MethodTable = &[
    ("__new__", exception_new),
    ("__init__", exception_init),
    ("__str__", exception_str_method),
    ("__repr__", exception_repr_method),
    ("with_traceback", with_traceback),
    ("add_note", add_note),
];

/// Is `ty` (a builtin or user class) a subclass of builtin `id`?
fn derives_from(ty: &Rc<PyType>, id: TypeId) -> bool {
    ty.mro().any(|t| t.builtin_id() == Some(id))
}

/// The instance attribute `name`, if set; `hash` is the name's str hash when the caller
/// has it (an interned name's cached hash), else it is computed.
fn dict_get(e: &PyException, name: &str, hash: Option<i64>) -> Option<Value> {
    let dict = e.dict.borrow();
    let dict = dict.as_ref()?;
    match hash {
        Some(hash) => dict.get_str_hashed(name, hash),
        None => dict.get_str(name),
    }
}

/// The instance dict, created on first use.
pub fn instance_dict(e: &PyException) -> Rc<PyDict> {
    e.dict.borrow_mut().get_or_insert_with(|| Rc::new(PyDict::new())).clone()
}

fn set_args(e: &PyException, args: Vec<Value>) {
    *e.args.borrow_mut() = Rc::new(PyTuple { items: args.into_boxed_slice() });
}

/// An exception instance of class `ty` (which must derive from BaseException) with `args`,
/// before `__init__` runs.
pub fn new_instance(ty: Rc<PyType>, args: Vec<Value>) -> Rc<PyException> {
    let e = Rc::new(PyException::new(ty, args));
    crate::gc::track(&Value::Exception(e.clone()));
    e
}

/// Errno values whose OSError is a subclass (`OSError(2, "x")` is a FileNotFoundError), with
/// Linux's numbers.
pub fn os_error_subclass(errno: i64) -> Option<TypeId> {
    Some(match errno {
        1 | 13 => TypeId::PermissionError,
        2 => TypeId::FileNotFoundError,
        3 => TypeId::ProcessLookupError,
        4 => TypeId::InterruptedError,
        10 => TypeId::ChildProcessError,
        11 | 114 | 115 => TypeId::BlockingIOError,
        17 => TypeId::FileExistsError,
        20 => TypeId::NotADirectoryError,
        21 => TypeId::IsADirectoryError,
        32 => TypeId::BrokenPipeError,
        103 => TypeId::ConnectionAbortedError,
        104 => TypeId::ConnectionResetError,
        110 => TypeId::TimeoutError,
        111 => TypeId::ConnectionRefusedError,
        _ => return None,
    })
}

/// An ImportError (or ModuleNotFoundError) with `msg` and the `name` attribute set, as the
/// import system raises them.
pub fn new_import_error(ty: TypeId, message: String, name: Option<&str>) -> PyErr {
    let e = new_instance(builtin_type(ty), vec![Value::string(message)]);
    let dict = instance_dict(&e);
    if let Some(Value::Str(_)) = e.args().items.first() {
        dict.set_str("msg", e.args().items[0].clone());
    }
    if let Some(name) = name {
        dict.set_str("name", Value::str(name));
    }
    PyErr(e)
}

/// The OSError (subclass chosen by `errno`) for a failed system call, as `OSError(errno,
/// strerror[, filename])` builds it: `str()` gives `[Errno 2] No such file or directory: 'x'`.
pub fn new_os_error(errno: i64, strerror: &str, filename: Option<Value>) -> PyErr {
    let ty = builtin_type(os_error_subclass(errno).unwrap_or(TypeId::OSError));
    let e = new_instance(ty, Vec::new());
    let mut args = vec![Value::Int(errno), Value::str(strerror)];
    args.extend(filename);
    // Cannot fail: there are no keyword arguments.
    let _ = init_exception(&e, &args, &CallArgs::new(&[]));
    PyErr(e)
}

/// `BaseException.__new__(cls, *args, **kwargs)`: `args[0]` is the class.
fn exception_new(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let positional = call.positional();
    let Some(Value::Type(cls)) = positional.first() else {
        return Err(PyErr::type_error("BaseException.__new__(X): X is not a type object"));
    };
    if !derives_from(cls, TypeId::BaseException) {
        return Err(PyErr::type_error(format!(
            "BaseException.__new__({}): {} is not a subtype of BaseException",
            cls.name, cls.name
        )));
    }
    let args = positional[1..].to_vec();
    let mut ty = cls.clone();
    // OSError(errno, strerror) picks the subclass for the errno, as CPython does.
    if cls.builtin_id() == Some(TypeId::OSError) && args.len() >= 2 {
        if let Some(sub) = args.first().and_then(|a| match a {
            Value::Int(n) => os_error_subclass(*n),
            _ => None,
        }) {
            ty = builtin_type(sub);
        }
    }
    Ok(Value::Exception(new_instance(ty, args)))
}

/// `BaseException.__init__(self, *args)`: sets `args` (and OSError's and ImportError's extra
/// attributes).
fn exception_init(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let positional = call.positional();
    let Some(Value::Exception(e)) = positional.first() else {
        return Err(PyErr::type_error("descriptor '__init__' requires a 'BaseException' object"));
    };
    init_exception(e, &positional[1..], &call)?;
    Ok(Value::None)
}

/// The work of `BaseException.__init__` for `e` with positional `args`.
fn init_exception(e: &Rc<PyException>, args: &[Value], call: &CallArgs<'_>) -> PyResult<()> {
    let is_import_error = derives_from(&e.ty, TypeId::ImportError);
    if !call.kwnames.is_empty() {
        if !is_import_error {
            return Err(PyErr::type_error(format!("{}() takes no keyword arguments", e.ty.name)));
        }
        for (name, value) in call.keywords() {
            match name {
                "name" | "path" => instance_dict(e).set_str(name, value.clone()),
                other => {
                    return Err(PyErr::type_error(format!(
                        "'{other}' is an invalid keyword argument for {}()",
                        e.ty.name
                    )))
                }
            }
        }
    }
    if is_import_error && args.len() == 1 {
        instance_dict(e).set_str("msg", args[0].clone());
    }
    if derives_from(&e.ty, TypeId::OSError) && (2..=5).contains(&args.len()) {
        let dict = instance_dict(e);
        dict.set_str("errno", args[0].clone());
        dict.set_str("strerror", args[1].clone());
        if let Some(filename) = args.get(2) {
            dict.set_str("filename", filename.clone());
            if let Some(filename2) = args.get(4) {
                dict.set_str("filename2", filename2.clone());
            }
            // With a filename, `args` keeps only (errno, strerror).
            set_args(e, args[..2].to_vec());
            return Ok(());
        }
    }
    set_args(e, args.to_vec());
    Ok(())
}

/// `ty(*args, **kwargs)` for an exception class: `__new__` then `__init__` (a Python
/// `__init__` of a user subclass is called).
pub fn construct(vm: &mut Vm, ty: &Rc<PyType>, call: &CallArgs<'_>) -> PyResult<Value> {
    let mut new_args = Vec::with_capacity(call.args.len() + 1);
    new_args.push(Value::Type(ty.clone()));
    new_args.extend_from_slice(call.positional());
    let created = match crate::objects::instance::lookup_static(ty, "__new__") {
        Some(f @ Value::Function(_)) => {
            new_args.extend_from_slice(&call.args[call.positional().len()..]);
            vm.call_kw(&f, &new_args, call.kwnames)?
        }
        _ => exception_new(vm, CallArgs::new(&new_args))?,
    };
    let Value::Exception(e) = &created else { return Ok(created) };
    if !e.ty.is_subtype_of(ty) {
        return Ok(created);
    }
    match crate::objects::instance::lookup_static(ty, "__init__") {
        Some(f @ Value::Function(_)) => {
            let mut init_args = Vec::with_capacity(call.args.len() + 1);
            init_args.push(created.clone());
            init_args.extend_from_slice(call.args);
            let result = vm.call_kw(&f, &init_args, call.kwnames)?;
            if !matches!(result, Value::None) {
                return Err(PyErr::type_error(format!(
                    "__init__() should return None, not '{}'",
                    type_of(&result).name
                )));
            }
        }
        _ => init_exception(e, call.positional(), call)?,
    }
    Ok(created)
}

/// A user-defined (Python) method `name` found on `e`'s class before the builtin ones.
fn python_override(e: &PyException, name: &str) -> Option<Value> {
    for t in std::iter::once(&e.ty).chain(e.ty.mro_tail.iter()) {
        if t.builtin_id().is_some() {
            return None;
        }
        if let Some(v) = t.dict.get_str(name) {
            return match v {
                Value::Function(_) => Some(v),
                _ => None,
            };
        }
    }
    None
}

/// `str(e)`, honouring a `__str__` defined in Python by a subclass.
pub fn str_of(vm: &mut Vm, e: &Rc<PyException>) -> PyResult<String> {
    if let Some(f) = python_override(e, "__str__") {
        return match vm.call(&f, &[Value::Exception(e.clone())])? {
            Value::Str(s) => Ok(s.as_str().to_owned()),
            other => Err(PyErr::type_error(format!(
                "__str__ returned non-string (type {})",
                type_of(&other).name
            ))),
        };
    }
    builtin_str(vm, e)
}

/// `BaseException.__str__` and the special forms of its subclasses.
fn builtin_str(vm: &mut Vm, e: &PyException) -> PyResult<String> {
    let args = e.args();
    if derives_from(&e.ty, TypeId::OSError) {
        if let (Some(errno), Some(strerror)) = (dict_get(e, "errno", None), dict_get(e, "strerror", None)) {
            let errno = crate::ops::to_str(vm, &errno)?;
            let strerror = crate::ops::to_str(vm, &strerror)?;
            let mut text = format!("[Errno {errno}] {strerror}");
            if let Some(filename) = dict_get(e, "filename", None).filter(|f| !matches!(f, Value::None)) {
                text.push_str(": ");
                text.push_str(&crate::ops::repr(vm, &filename)?);
                if let Some(filename2) = dict_get(e, "filename2", None).filter(|f| !matches!(f, Value::None)) {
                    text.push_str(" -> ");
                    text.push_str(&crate::ops::repr(vm, &filename2)?);
                }
            }
            return Ok(text);
        }
    }
    if derives_from(&e.ty, TypeId::ImportError) {
        if let Some(msg) = dict_get(e, "msg", None).filter(|m| !matches!(m, Value::None)) {
            return crate::ops::to_str(vm, &msg);
        }
    }
    if let Some(text) = unicode_error_str(vm, e, &args.items)? {
        return Ok(text);
    }
    match &args.items[..] {
        [] => Ok(String::new()),
        [arg] if derives_from(&e.ty, TypeId::KeyError) => crate::ops::repr(vm, arg),
        [arg] => crate::ops::to_str(vm, arg),
        _ => crate::ops::repr(vm, &Value::Tuple(args.clone())),
    }
}

/// UnicodeDecodeError / UnicodeEncodeError built from (encoding, object, start, end, reason).
fn unicode_error_str(vm: &mut Vm, e: &PyException, args: &[Value]) -> PyResult<Option<String>> {
    let decode = derives_from(&e.ty, TypeId::UnicodeDecodeError);
    let encode = derives_from(&e.ty, TypeId::UnicodeEncodeError);
    if !(decode || encode) {
        return Ok(None);
    }
    let [Value::Str(encoding), object, Value::Int(start), Value::Int(end), Value::Str(reason)] = args else {
        return Ok(None);
    };
    let (encoding, reason) = (encoding.as_str(), reason.as_str());
    let start_index = usize::try_from(*start).unwrap_or(usize::MAX);
    let single = *end == *start + 1;
    if decode {
        let byte = match object {
            Value::Bytes(b) => b.data.get(start_index).copied(),
            Value::ByteArray(b) => b.data.borrow().get(start_index).copied(),
            _ => None,
        };
        return Ok(Some(match (single, byte) {
            (true, Some(byte)) => {
                format!("'{encoding}' codec can't decode byte 0x{byte:02x} in position {start}: {reason}")
            }
            _ => format!(
                "'{encoding}' codec can't decode bytes in position {start}-{}: {reason}",
                end - 1
            ),
        }));
    }
    let ch = match object {
        Value::Str(s) => s.as_str().chars().nth(start_index),
        _ => None,
    };
    let _ = vm;
    Ok(Some(match (single, ch) {
        (true, Some(ch)) => {
            let code = ch as u32;
            let escaped = if code <= 0xff {
                format!("\\x{code:02x}")
            } else if code <= 0xffff {
                format!("\\u{code:04x}")
            } else {
                format!("\\U{code:08x}")
            };
            format!("'{encoding}' codec can't encode character '{escaped}' in position {start}: {reason}")
        }
        _ => format!("'{encoding}' codec can't encode characters in position {start}-{}: {reason}", end - 1),
    }))
}

/// `repr(e)`: `Name(arg, ...)`, honouring a `__repr__` defined in Python by a subclass.
pub fn repr_of(vm: &mut Vm, e: &Rc<PyException>) -> PyResult<String> {
    if let Some(f) = python_override(e, "__repr__") {
        return match vm.call(&f, &[Value::Exception(e.clone())])? {
            Value::Str(s) => Ok(s.as_str().to_owned()),
            other => Err(PyErr::type_error(format!(
                "__repr__ returned non-string (type {})",
                type_of(&other).name
            ))),
        };
    }
    let args = e.args();
    let mut out = String::new();
    out.push_str(&e.ty.name);
    out.push('(');
    for (i, item) in args.items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&crate::ops::repr(vm, item)?);
    }
    out.push(')');
    Ok(out)
}

fn self_exception<'a>(call: &CallArgs<'a>, method: &str) -> PyResult<&'a Rc<PyException>> {
    match call.args.first() {
        Some(Value::Exception(e)) => Ok(e),
        _ => Err(PyErr::type_error(format!("descriptor '{method}' requires a 'BaseException' object"))),
    }
}

fn exception_str_method(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let e = self_exception(&call, "__str__")?;
    Ok(Value::string(builtin_str(vm, e)?))
}

fn exception_repr_method(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let e = self_exception(&call, "__repr__")?.clone();
    let args = e.args();
    let mut out = format!("{}(", e.ty.name);
    for (i, item) in args.items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&crate::ops::repr(vm, item)?);
    }
    out.push(')');
    Ok(Value::string(out))
}

/// `e.with_traceback(tb)`: set `__traceback__` and return `e`.
fn with_traceback(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let e = self_exception(&call, "with_traceback")?;
    let [tb] = crate::objects::args::positional::<1>("BaseException.with_traceback", &call, 1)?;
    set_traceback(e, tb.unwrap_or(&Value::None))?;
    Ok(Value::Exception(e.clone()))
}

/// `e.add_note(note)`: append to `__notes__`.
fn add_note(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let e = self_exception(&call, "add_note")?;
    let [note] = crate::objects::args::positional::<1>("BaseException.add_note", &call, 1)?;
    let note = note.unwrap_or(&Value::None);
    if !matches!(note, Value::Str(_)) {
        return Err(PyErr::type_error(format!("note must be a str, not '{}'", type_of(note).name)));
    }
    let dict = instance_dict(e);
    match dict.get_str("__notes__") {
        Some(Value::List(notes)) => notes.items.borrow_mut().push(note.clone()),
        Some(_) => return Err(PyErr::type_error("Cannot add note: __notes__ is not a list")),
        None => dict.set_str("__notes__", Value::list(vec![note.clone()])),
    }
    Ok(Value::None)
}

/// The `__notes__` strings of `e`, for tracebacks.
pub fn notes(e: &PyException) -> Vec<Value> {
    match dict_get(e, "__notes__", None) {
        Some(Value::List(l)) => l.items.borrow().clone(),
        _ => Vec::new(),
    }
}

fn exception_value(slot: &RefCell<Option<Rc<PyException>>>) -> Value {
    slot.borrow().as_ref().map_or(Value::None, |c| Value::Exception(c.clone()))
}

/// Attributes an exception instance has by itself (data attributes, instance dict), before
/// the class's attributes and methods are searched. `None` when it has no such attribute.
pub fn get_attribute(e: &Rc<PyException>, name: &str) -> Option<Value> {
    get_attribute_hashed(e, name, None)
}

/// `get_attribute` of a name whose str hash the caller has (LOAD_ATTR's interned names).
pub fn get_attribute_hashed(e: &Rc<PyException>, name: &str, hash: Option<i64>) -> Option<Value> {
    match name {
        "args" => return Some(Value::Tuple(e.args())),
        "__traceback__" => return Some(traceback_value(e)),
        "__cause__" => return Some(exception_value(&e.cause)),
        "__context__" => return Some(exception_value(&e.context)),
        "__suppress_context__" => return Some(Value::bool(e.suppress_context.get())),
        "__class__" => return Some(Value::Type(e.ty.clone())),
        "__dict__" => return Some(Value::Dict(instance_dict(e))),
        _ => {}
    }
    if let Some(v) = dict_get(e, name, hash) {
        return Some(v);
    }
    let first_arg = || e.args().items.first().cloned().unwrap_or(Value::None);
    match name {
        "value" if derives_from(&e.ty, TypeId::StopIteration) => Some(first_arg()),
        "code" if derives_from(&e.ty, TypeId::SystemExit) => {
            let args = e.args();
            Some(match args.items.len() {
                0 => Value::None,
                1 => args.items[0].clone(),
                _ => Value::Tuple(args),
            })
        }
        "errno" | "strerror" | "filename" | "filename2" if derives_from(&e.ty, TypeId::OSError) => Some(Value::None),
        "name" | "path" | "msg" if derives_from(&e.ty, TypeId::ImportError) => Some(Value::None),
        _ => None,
    }
}

/// `e.name = value` for a name held as a string object (STORE_ATTR's interned names): an
/// ordinary attribute is stored under that string, with its cached hash, instead of a new
/// string hashed again.
pub fn set_attribute_interned(e: &Rc<PyException>, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
    if is_special_attribute(name.as_str()) {
        return set_attribute(e, name.as_str(), value);
    }
    instance_dict(e).set_str_key(name, value).map(|_| ())
}

/// The names `set_attribute` handles itself rather than storing them in the instance dict.
fn is_special_attribute(name: &str) -> bool {
    matches!(
        name,
        "args" | "__cause__" | "__context__" | "__suppress_context__" | "__traceback__" | "__class__" | "__dict__"
    )
}

/// `e.name = value`. The names it handles itself are listed in `is_special_attribute` too
/// (a unit test keeps the two in step).
pub fn set_attribute(e: &Rc<PyException>, name: &str, value: Value) -> PyResult<()> {
    match name {
        "args" => {
            let items = match &value {
                Value::Tuple(t) => t.items.to_vec(),
                Value::List(l) => l.items.borrow().clone(),
                other => vec![other.clone()],
            };
            set_args(e, items);
        }
        "__cause__" | "__context__" => {
            let slot = match &value {
                Value::None => None,
                Value::Exception(x) => Some(x.clone()),
                _ => {
                    return Err(PyErr::type_error(format!(
                        "exception {} must be None or derive from BaseException",
                        if name == "__cause__" { "cause" } else { "context" }
                    )))
                }
            };
            if name == "__cause__" {
                *e.cause.borrow_mut() = slot;
                e.suppress_context.set(true);
            } else {
                *e.context.borrow_mut() = slot;
            }
        }
        "__suppress_context__" => e.suppress_context.set(match value {
            Value::Bool(b) => b.get(),
            Value::Int(i) => i != 0,
            Value::None => false,
            _ => true,
        }),
        "__traceback__" => set_traceback(e, &value)?,
        "__class__" | "__dict__" => {
            return Err(PyErr::unsupported(&format!("assigning {name} of exceptions")));
        }
        _ => instance_dict(e).set_str(name, value),
    }
    Ok(())
}

// ----- traceback objects -----

/// The state of a traceback object: the entries from `index` on (innermost last).
struct TracebackState {
    entries: Rc<[TraceEntry]>,
    index: usize,
}

impl NativeState for TracebackState {}

thread_local! {
    static TRACEBACK_TYPE: Rc<PyType> = {
        let ty = PyType::new_native("traceback", "builtins", &[("__getattr__", traceback_getattr)]);
        // Let attribute lookup fall back to `__getattr__`.
        crate::objects::class_new::refresh_flags(&ty);
        ty
    };
}

fn traceback_object(entries: Rc<[TraceEntry]>, index: usize) -> Value {
    if index >= entries.len() {
        return Value::None;
    }
    let class = TRACEBACK_TYPE.with(|t| t.clone());
    Value::Object(Rc::new(PyObject {
        class: RefCell::new(class),
        attrs: RefCell::new(crate::objects::instance_attrs::InstanceAttrs::NoDict),
        slots: RefCell::new(Vec::new()),
        base_value: Value::Null,
        native: Some(Box::new(TracebackState { entries, index })),
    }))
}

/// `e.__traceback__`: a traceback object, or None before the exception was raised.
pub fn traceback_value(e: &PyException) -> Value {
    let entries: Rc<[TraceEntry]> = e.traceback.borrow().iter().cloned().collect();
    traceback_object(entries, 0)
}

/// `e.__traceback__ = tb` / `e.with_traceback(tb)`.
fn set_traceback(e: &PyException, tb: &Value) -> PyResult<()> {
    let entries = match tb {
        Value::None => Vec::new(),
        Value::Object(o) => match o.native_ref::<TracebackState>() {
            Some(state) => state.entries.get(state.index..).unwrap_or(&[]).to_vec(),
            None => return Err(PyErr::type_error("__traceback__ must be a traceback or None")),
        },
        _ => return Err(PyErr::type_error("__traceback__ must be a traceback or None")),
    };
    *e.traceback.borrow_mut() = entries;
    Ok(())
}

/// `tb.tb_lineno`, `tb.tb_next`, `tb.tb_frame` (None: swallow has no frame objects).
fn traceback_getattr(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let (Some(Value::Object(o)), Some(Value::Str(name))) = (call.args.first(), call.args.get(1)) else {
        return Err(PyErr::type_error("traceback.__getattr__ expects a traceback and a name"));
    };
    let Some(state) = o.native_ref::<TracebackState>() else {
        return Err(PyErr::type_error("traceback.__getattr__ expects a traceback"));
    };
    let entry = state.entries.get(state.index);
    match (name.as_str(), entry) {
        ("tb_lineno", Some(entry)) => Ok(Value::Int(entry.line as i64)),
        ("tb_next", _) => Ok(traceback_object(state.entries.clone(), state.index + 1)),
        ("tb_frame", _) | ("tb_lasti", _) => Ok(Value::None),
        _ => Err(PyErr::attribute_error(format!("'traceback' object has no attribute '{}'", name.as_str()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exc(id: TypeId, args: Vec<Value>) -> Rc<PyException> {
        new_instance(builtin_type(id), args)
    }

    #[test]
    fn str_forms() {
        let mut vm = Vm::new(vec![]);
        assert_eq!(str_of(&mut vm, &exc(TypeId::ValueError, vec![])).ok().as_deref(), Some(""));
        assert_eq!(str_of(&mut vm, &exc(TypeId::KeyError, vec![Value::str("k")])).ok().as_deref(), Some("'k'"));
        let two = exc(TypeId::ValueError, vec![Value::Int(1), Value::str("a")]);
        assert_eq!(str_of(&mut vm, &two).ok().as_deref(), Some("(1, 'a')"));
        assert_eq!(repr_of(&mut vm, &two).ok().as_deref(), Some("ValueError(1, 'a')"));
    }

    #[test]
    fn os_error_with_filename() {
        let mut vm = Vm::new(vec![]);
        let args = [Value::Int(2), Value::str("No such file or directory"), Value::str("x.txt")];
        let e = exc(TypeId::FileNotFoundError, vec![]);
        assert!(init_exception(&e, &args, &CallArgs::new(&[])).is_ok());
        assert_eq!(e.args().items.len(), 2);
        assert_eq!(
            str_of(&mut vm, &e).ok().as_deref(),
            Some("[Errno 2] No such file or directory: 'x.txt'")
        );
        assert!(matches!(get_attribute(&e, "errno"), Some(Value::Int(2))));
    }

    #[test]
    fn attributes_round_trip() {
        let e = exc(TypeId::Exception, vec![Value::str("m")]);
        assert!(set_attribute(&e, "code", Value::Int(7)).is_ok());
        assert!(matches!(get_attribute(&e, "code"), Some(Value::Int(7))));
        assert!(matches!(get_attribute(&e, "__traceback__"), Some(Value::None)));
        assert!(set_attribute(&e, "__cause__", Value::Int(1)).is_err());
        let stop = exc(TypeId::StopIteration, vec![Value::Int(3)]);
        assert!(matches!(get_attribute(&stop, "value"), Some(Value::Int(3))));
    }

    #[test]
    fn interned_stores_special_names_exactly_where_set_attribute_does() {
        // `is_special_attribute` must list the names `set_attribute` keeps out of the
        // instance dict: stored through either function, every name ends up in one place.
        let names = [
            "args", "__cause__", "__context__", "__suppress_context__", "__traceback__", "__class__", "__dict__",
            "code", "value", "errno", "__notes__", "_args", "Args",
        ];
        for name in names {
            let plain = exc(TypeId::Exception, vec![]);
            let _ = set_attribute(&plain, name, Value::None);
            let in_dict = instance_dict(&plain).get_str(name).is_some();
            assert_eq!(is_special_attribute(name), !in_dict, "{name}");
            let interned = exc(TypeId::Exception, vec![]);
            let _ = set_attribute_interned(&interned, &Rc::new(PyStr::new(name.to_owned())), Value::None);
            assert_eq!(instance_dict(&interned).get_str(name).is_some(), in_dict, "{name}");
        }
    }
}
