//! The format-spec mini-language (`format(v, spec)`, f-string `{v:spec}`) for builtin types.

use crate::error::{PyErr, PyResult};
use crate::value::Value;
use crate::vm::Vm;

/// `format(value, spec)`.
pub fn format_value(vm: &mut Vm, value: &Value, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return crate::ops::to_str(vm, value);
    }
    Err(PyErr::unsupported("format specs"))
}
