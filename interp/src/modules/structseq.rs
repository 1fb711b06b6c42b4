//! Struct sequences: tuples whose items also have names (`sys.version_info.major`,
//! `sys.float_info.max`), like CPython's `structseq`. Each kind is a Rust subtype of `tuple`
//! whose instances carry the tuple as their base value and the named fields in their dict.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::modules::support::new_subtype_object;
use crate::objects::types::{PyType, TypeId};
use crate::ops;
use crate::value::{CallArgs, NativeFn, Value};
use crate::vm::Vm;

/// A struct-sequence type `module.name` with the given field names.
pub fn new_type(name: &str, module: &str, fields: &[&str]) -> Rc<PyType> {
    const METHODS: &[(&str, NativeFn)] = &[("__repr__", structseq_repr)];
    let ty = PyType::new_native_subtype(name, module, TypeId::Tuple, METHODS);
    ty.dict.set_str("_fields", Value::tuple(fields.iter().map(|f| Value::str(f)).collect()));
    ty.dict.set_str("n_fields", Value::Int(fields.len() as i64));
    ty
}

/// An instance of struct-sequence type `ty` holding `values` (one per field).
pub fn new_instance(ty: &Rc<PyType>, values: Vec<Value>) -> Value {
    let fields = field_names(ty);
    let object = new_subtype_object(ty, Value::tuple(values.clone()), None);
    if let Value::Object(o) = &object {
        if let Some(dict) = o.dict() {
            for (field, value) in fields.iter().zip(values) {
                dict.set_str(field, value);
            }
        }
    }
    object
}

fn field_names(ty: &Rc<PyType>) -> Vec<String> {
    match ty.dict.get_str("_fields") {
        Some(Value::Tuple(t)) => t
            .items
            .iter()
            .filter_map(|v| match v {
                Value::Str(s) => Some(s.as_str().to_owned()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `sys.version_info(major=3, minor=11, ...)`.
fn structseq_repr(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let Some(Value::Object(o)) = call.args.first() else {
        return Err(PyErr::type_error("descriptor '__repr__' needs a struct sequence"));
    };
    let ty = o.class();
    let Value::Tuple(items) = &o.base_value else {
        return Err(PyErr::type_error("descriptor '__repr__' needs a struct sequence"));
    };
    let items = items.items.to_vec();
    let mut out = String::new();
    if let Some(module) = ty.module.as_deref() {
        out.push_str(module);
        out.push('.');
    }
    out.push_str(&ty.name);
    out.push('(');
    for (i, (field, value)) in field_names(&ty).iter().zip(items.iter()).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(field);
        out.push('=');
        out.push_str(&ops::repr(vm, value)?);
    }
    out.push(')');
    Ok(Value::string(out))
}
