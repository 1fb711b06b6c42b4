//! Rust I/O errors as Python `OSError`s: the errno, CPython's strerror text, the file name,
//! and the subclass the errno selects (`FileNotFoundError` for ENOENT, ...).

use crate::error::PyErr;
use crate::objects::types::TypeId;
use crate::value::Value;

/// The strerror text of `error` ("No such file or directory"), without Rust's " (os error N)".
pub fn strerror(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(pos) => text[..pos].to_owned(),
        None => text,
    }
}

/// The OSError subclass CPython raises for `errno`.
fn subclass_for(errno: i32) -> TypeId {
    match errno {
        2 => TypeId::FileNotFoundError,
        _ => TypeId::OSError,
    }
}

/// The exception for a failed operation on `filename` (None when no file is involved):
/// `FileNotFoundError(2, 'No such file or directory', 'x')`, printed
/// `[Errno 2] No such file or directory: 'x'`.
pub fn os_error(error: &std::io::Error, filename: Option<&str>) -> PyErr {
    let Some(errno) = error.raw_os_error() else {
        return PyErr::new(TypeId::OSError, error.to_string());
    };
    let mut args = vec![Value::Int(errno as i64), Value::string(strerror(error))];
    if let Some(name) = filename {
        args.push(Value::str(name));
    }
    PyErr::with_args(subclass_for(errno), args)
}
