//! The `builtins` namespace: builtin functions and types, and the builtin modules (`sys`).

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
