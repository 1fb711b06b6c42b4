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

/// The exception for a failed operation on `filename` (None when no file is involved):
/// `FileNotFoundError(2, 'No such file or directory', 'x')`, printed
/// `[Errno 2] No such file or directory: 'x'`, with `errno`, `strerror` and `filename` set.
pub fn os_error(error: &std::io::Error, filename: Option<&str>) -> PyErr {
    let Some(errno) = error.raw_os_error() else {
        return PyErr::new(TypeId::OSError, error.to_string());
    };
    crate::objects::exception::new_os_error(errno as i64, &strerror(error), filename.map(Value::str))
}
