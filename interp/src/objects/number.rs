//! Numeric semantics shared by int, bool and float: the operators, comparisons, equality,
//! hashing and repr of numbers, with Python's rules (floor division and modulo signs, true
//! division, `**` with negative exponents, promotion to BigInt on overflow).
//!
//! Every function returns `None` when an operand is not a number (int, bool, BigInt, float),
//! so `ops` can try the next kind.

use crate::bytecode::opcodes::{BinaryOp, CompareOp};
use crate::error::PyResult;
use crate::value::Value;

/// `a <op> b` for two numbers.
pub fn binary_op(_op: BinaryOp, _a: &Value, _b: &Value) -> Option<PyResult<Value>> {
    None
}

/// `a <cmp> b` for two numbers (ints compare exactly against floats).
pub fn compare(_op: CompareOp, _a: &Value, _b: &Value) -> Option<bool> {
    None
}

/// `a == b` for two numbers.
pub fn eq(_a: &Value, _b: &Value) -> Option<bool> {
    None
}

/// Python `hash()` of a number (consistent across int, bool and float).
pub fn hash(_v: &Value) -> Option<i64> {
    None
}

/// `repr()` of a number.
pub fn repr(_v: &Value) -> Option<String> {
    None
}

/// `-v`.
pub fn negative(_v: &Value) -> Option<PyResult<Value>> {
    None
}

/// `+v`.
pub fn positive(_v: &Value) -> Option<PyResult<Value>> {
    None
}

/// `~v` (ints and bools only).
pub fn invert(_v: &Value) -> Option<PyResult<Value>> {
    None
}
