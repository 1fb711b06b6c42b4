//! The `builtins` namespace: builtin functions and types, and the builtin modules (`sys`).

pub mod args;

use std::rc::Rc;

use crate::objects::dict::PyDict;
use crate::objects::types::{builtin_type, TypeId};
use crate::value::Value;

/// Build the `builtins` dict: every builtin function and type.
pub fn make_builtins() -> Rc<PyDict> {
    let d = Rc::new(PyDict::new());
    for &id in TypeId::ALL {
        d.set_str(id.name(), Value::Type(builtin_type(id)));
    }
    d
}

/// Placeholder until the builtins land: calling a builtin type.
pub fn call_type(_vm: &mut crate::vm::Vm, ty: &Rc<crate::objects::types::PyType>, _args: crate::value::CallArgs) -> crate::error::PyResult<Value> {
    Err(crate::error::PyErr::unsupported(&format!("calling {}", ty.name)))
}

/// Placeholder until the builtins land: builtin modules (`sys`).
pub fn import_builtin_module(_vm: &mut crate::vm::Vm, _name: &str) -> Option<crate::error::PyResult<Value>> {
    None
}
