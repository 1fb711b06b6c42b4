//! Generic operations on values: the semantics behind operators, truth, hashing, equality,
//! attribute access, subscripts, iteration, repr/str and format. The VM's handlers and the
//! builtins call these; type-specific work is delegated to `objects::*`.

use crate::bytecode::opcodes::{BinaryOp, CompareOp};
use crate::error::{PyErr, PyResult};
use crate::objects::types::TypeId;
use crate::value::Value;
use crate::vm::Vm;

/// Python `hash(v)` for builtin values; TypeError for unhashable ones.
pub fn hash(v: &Value) -> PyResult<i64> {
    match v {
        Value::Str(s) => Ok(s.hash_value()),
        Value::Int(i) => Ok(crate::objects::int::hash_i64(*i)),
        Value::Bool(b) => Ok(*b as i64),
        Value::None => Ok(0xFCA86420),
        _ => Err(PyErr::type_error(format!("unhashable type: '{}'", v.type_id().name()))),
    }
}

/// Equality of builtin values (numeric types compare across int/float/bool). Cannot call
/// Python code, so containers (dict, set) can use it while borrowed.
pub fn eq_builtin(a: &Value, b: &Value) -> PyResult<bool> {
    Ok(match (a, b) {
        (Value::Str(x), Value::Str(y)) => x.s == y.s,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::None, Value::None) => true,
        _ => false,
    })
}

/// Truth value (`bool(v)`).
pub fn truthy(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(match v {
        Value::None | Value::Null => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::Str(s) => !s.s.is_empty(),
        _ => true,
    })
}

/// `a <op> b` (and the in-place forms `a <op>= b`).
pub fn binary_op(_vm: &mut Vm, op: BinaryOp, _inplace: bool, a: &Value, b: &Value) -> PyResult<Value> {
    Err(PyErr::type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op.symbol(),
        a.type_id().name(),
        b.type_id().name()
    )))
}

/// `a <cmp> b`.
pub fn compare(_vm: &mut Vm, op: CompareOp, a: &Value, b: &Value) -> PyResult<Value> {
    Err(PyErr::type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op.symbol(),
        a.type_id().name(),
        b.type_id().name()
    )))
}

/// `repr(v)`.
pub fn repr(_vm: &mut Vm, v: &Value) -> PyResult<String> {
    Ok(match v {
        Value::None => "None".into(),
        Value::Int(i) => i.to_string(),
        Value::Str(s) => format!("'{}'", s.as_str()),
        _ => format!("<{} object>", v.type_id().name()),
    })
}

/// `str(v)`.
pub fn to_str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        _ => repr(vm, v),
    }
}

/// Placeholder so the unused import stays referenced until the real implementations land.
pub fn type_name(v: &Value) -> &'static str {
    let id: TypeId = v.type_id();
    id.name()
}

/// `iter(v)`: an iterator over a builtin iterable.
pub fn get_iter(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Err(PyErr::type_error(format!("'{}' object is not iterable", v.type_id().name())))
}

/// `next(it)`: `Ok(None)` when the iterator is exhausted (no StopIteration allocated).
pub fn next(_vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    Err(PyErr::type_error(format!("'{}' object is not an iterator", it.type_id().name())))
}

/// `len(v)`.
pub fn len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Err(PyErr::type_error(format!("object of type '{}' has no len()", v.type_id().name())))
}

/// `obj[key]`.
pub fn getitem(_vm: &mut Vm, obj: &Value, _key: &Value) -> PyResult<Value> {
    Err(PyErr::type_error(format!("'{}' object is not subscriptable", obj.type_id().name())))
}

/// `obj[key] = value`.
pub fn setitem(_vm: &mut Vm, obj: &Value, _key: &Value, _value: Value) -> PyResult<()> {
    Err(PyErr::type_error(format!("'{}' object does not support item assignment", obj.type_id().name())))
}

/// `del obj[key]`.
pub fn delitem(_vm: &mut Vm, obj: &Value, _key: &Value) -> PyResult<()> {
    Err(PyErr::type_error(format!("'{}' object does not support item deletion", obj.type_id().name())))
}

/// `item in container`.
pub fn contains(_vm: &mut Vm, container: &Value, _item: &Value) -> PyResult<bool> {
    Err(PyErr::type_error(format!("argument of type '{}' is not iterable", container.type_id().name())))
}

/// `getattr(obj, name)`: methods of builtin types come back bound (`Value::Method`).
pub fn getattr(_vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    Err(PyErr::attribute_error(format!("'{}' object has no attribute '{}'", obj.type_id().name(), name)))
}

/// For LOAD_METHOD: `Some(function)` when `name` is a plain method found on `obj`'s type (the
/// caller then passes `obj` as the first argument), `None` to fall back to `getattr`.
pub fn lookup_method(_obj: &Value, _name: &str) -> Option<Value> {
    None
}

/// `setattr(obj, name, value)`.
pub fn setattr(_vm: &mut Vm, obj: &Value, name: &str, _value: Value) -> PyResult<()> {
    Err(PyErr::attribute_error(format!("'{}' object has no attribute '{}'", obj.type_id().name(), name)))
}

/// Unary `-v`.
pub fn negative(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Err(PyErr::type_error(format!("bad operand type for unary -: '{}'", v.type_id().name())))
}

/// Unary `+v`.
pub fn positive(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Err(PyErr::type_error(format!("bad operand type for unary +: '{}'", v.type_id().name())))
}

/// Unary `~v`.
pub fn invert(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Err(PyErr::type_error(format!("bad operand type for unary ~: '{}'", v.type_id().name())))
}
