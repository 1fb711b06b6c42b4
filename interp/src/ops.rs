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
