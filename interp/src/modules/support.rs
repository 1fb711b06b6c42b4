//! Helpers shared by the standard modules implemented in Rust: creating instances of their
//! types, reaching an instance's Rust state from `self`, and small argument utilities.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::types::PyType;
use crate::value::{CallArgs, NativeState, PyObject, Value};

/// A new instance of the Rust-implemented type `class` holding `state`, with an instance
/// dict when `with_dict` (for attributes like `__name__` that Python code reads).
pub fn new_object<T: NativeState>(class: &Rc<PyType>, state: T, with_dict: bool) -> Value {
    Value::Object(Rc::new(PyObject {
        class: RefCell::new(class.clone()),
        dict: if with_dict { Some(Rc::new(PyDict::new())) } else { None },
        slots: RefCell::new(Vec::new()),
        base_value: Value::Null,
        native: Some(Box::new(state)),
    }))
}

/// A new instance of `class` (deriving from a builtin type) whose data is `base_value`, with
/// optional extra Rust state and an instance dict.
pub fn new_subtype_object(class: &Rc<PyType>, base_value: Value, state: Option<Box<dyn NativeState>>) -> Value {
    Value::Object(Rc::new(PyObject {
        class: RefCell::new(class.clone()),
        dict: Some(Rc::new(PyDict::new())),
        slots: RefCell::new(Vec::new()),
        base_value,
        native: state,
    }))
}

/// The Rust state of type `T` behind `value`, if it is such an object.
pub fn state_of<T: NativeState>(value: &Value) -> Option<&T> {
    match value {
        Value::Object(o) => o.native_ref::<T>(),
        _ => None,
    }
}

/// `self` of a method call as a `T`, or TypeError "descriptor 'method' for 'Type' objects
/// doesn't apply to a 'X' object".
pub fn self_state<'a, T: NativeState>(args: &CallArgs<'a>, type_name: &str, method: &str) -> PyResult<&'a T> {
    let Some(first) = args.args.first() else {
        return Err(PyErr::type_error(format!("descriptor '{method}' of '{type_name}' object needs an argument")));
    };
    state_of::<T>(first).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{method}' for '{type_name}' objects doesn't apply to a '{}' object",
            crate::objects::types::type_of(first).name
        ))
    })
}

/// The instance dict of an object created by `new_object(.., true)`.
pub fn object_dict(value: &Value) -> Option<&Rc<PyDict>> {
    match value {
        Value::Object(o) => o.dict.as_ref(),
        _ => None,
    }
}

/// A per-thread native type created on first use.
#[macro_export]
macro_rules! native_type {
    ($fn_name:ident, $name:expr, $module:expr, $methods:expr) => {
        pub(crate) fn $fn_name() -> std::rc::Rc<$crate::objects::types::PyType> {
            thread_local! {
                static TYPE: std::cell::OnceCell<std::rc::Rc<$crate::objects::types::PyType>> = const { std::cell::OnceCell::new() };
            }
            TYPE.with(|cell| cell.get_or_init(|| $crate::objects::types::PyType::new_native($name, $module, $methods)).clone())
        }
    };
}

