//! Numeric semantics shared by int, bool and float: the operators, comparisons, equality,
//! hashing and repr of numbers, with Python's rules (floor division and modulo signs, true
//! division, `**` with negative exponents, promotion to BigInt on overflow).
//!
//! Every function returns `None` when an operand is not a number (int, bool, BigInt, float),
//! or when the operator does not apply to these numbers (`@`, `&` on floats), so `ops` can try
//! the next kind and report the TypeError.

use std::cmp::Ordering;
use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::bytecode::opcodes::{BinaryOp, CompareOp};
use crate::error::{PyErr, PyResult};
use crate::objects::float::{float_repr, hash_f64};
use crate::objects::int::{self, bigint_to_decimal, hash_bigint, hash_i64, MAX_INT_BITS};
use crate::objects::types::TypeId;
use crate::value::{BoolWord, Value};

/// A numeric operand, borrowed from a value.
#[derive(Clone, Copy)]
enum Num<'a> {
    Int(i64),
    Big(&'a BigInt),
    Float(f64),
}

fn num(v: &Value) -> Option<Num<'_>> {
    match v {
        Value::Int(i) => Some(Num::Int(*i)),
        Value::Bool(b) => Some(Num::Int(*b as i64)),
        Value::BigInt(b) => Some(Num::Big(b)),
        Value::Float(f) => Some(Num::Float(f.get())),
        _ => None,
    }
}

impl Num<'_> {
    fn to_f64(self) -> PyResult<f64> {
        match self {
            Num::Int(i) => Ok(i as f64),
            Num::Big(b) => int::bigint_to_f64(b),
            Num::Float(f) => Ok(f),
        }
    }

    fn to_big(self) -> BigInt {
        match self {
            Num::Int(i) => BigInt::from(i),
            Num::Big(b) => b.clone(),
            Num::Float(f) => int::float_to_bigint_exact(f.trunc()),
        }
    }
}

/// True for int, bool, BigInt and float values.
pub fn is_number(v: &Value) -> bool {
    num(v).is_some()
}

/// `float(v)` for a number: ints convert exactly-as-possible (OverflowError when too large).
pub fn to_f64(v: &Value) -> Option<PyResult<f64>> {
    num(v).map(Num::to_f64)
}

fn int_value(x: i128) -> Value {
    match i64::try_from(x) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::from_bigint(BigInt::from(x)),
    }
}

fn too_big() -> PyErr {
    PyErr::memory_error()
}

/// `a <op> b` for two numbers.
pub fn binary_op(op: BinaryOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    let (x, y) = (num(a)?, num(b)?);
    if let (Value::Bool(p), Value::Bool(q)) = (a, b) {
        let (p, q) = (p.get(), q.get());
        match op {
            BinaryOp::And => return Some(Ok(Value::bool(p & q))),
            BinaryOp::Or => return Some(Ok(Value::bool(p | q))),
            BinaryOp::Xor => return Some(Ok(Value::bool(p ^ q))),
            _ => {}
        }
    }
    if op == BinaryOp::MatMul {
        return None;
    }
    match (x, y) {
        (Num::Int(x), Num::Int(y)) => Some(int_op(op, x, y)),
        (Num::Float(_), _) | (_, Num::Float(_)) => {
            if matches!(op, BinaryOp::LShift | BinaryOp::RShift | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor) {
                return None;
            }
            let (fx, fy) = match (x.to_f64(), y.to_f64()) {
                (Ok(fx), Ok(fy)) => (fx, fy),
                (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
            };
            Some(float_op(op, fx, fy).map(Value::float))
        }
        _ => Some(big_op(op, &x.to_big(), &y.to_big())),
    }
}

fn int_op(op: BinaryOp, x: i64, y: i64) -> PyResult<Value> {
    let wide = |f: fn(i128, i128) -> i128| Ok(int_value(f(x as i128, y as i128)));
    match op {
        BinaryOp::Add => match x.checked_add(y) {
            Some(r) => Ok(Value::Int(r)),
            None => wide(|a, b| a + b),
        },
        BinaryOp::Sub => match x.checked_sub(y) {
            Some(r) => Ok(Value::Int(r)),
            None => wide(|a, b| a - b),
        },
        BinaryOp::Mul => match x.checked_mul(y) {
            Some(r) => Ok(Value::Int(r)),
            None => wide(|a, b| a * b),
        },
        BinaryOp::TrueDiv => {
            if y == 0 {
                return Err(PyErr::zero_division("division by zero"));
            }
            const EXACT: u64 = 1 << 53;
            if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
                Ok(Value::float(x as f64 / y as f64))
            } else {
                int::true_divide(&BigInt::from(x), &BigInt::from(y)).map(Value::float)
            }
        }
        BinaryOp::FloorDiv => {
            if y == 0 {
                return Err(PyErr::zero_division("integer division or modulo by zero"));
            }
            Ok(int_value(Integer::div_floor(&(x as i128), &(y as i128))))
        }
        BinaryOp::Mod => {
            if y == 0 {
                return Err(PyErr::zero_division("integer modulo by zero"));
            }
            Ok(int_value(Integer::mod_floor(&(x as i128), &(y as i128))))
        }
        BinaryOp::Pow => {
            if y < 0 {
                return float_pow(x as f64, y as f64).map(Value::float);
            }
            if let Ok(e) = u32::try_from(y) {
                if let Some(r) = x.checked_pow(e) {
                    return Ok(Value::Int(r));
                }
            }
            big_pow(&BigInt::from(x), &BigInt::from(y))
        }
        BinaryOp::LShift => {
            if y < 0 {
                return Err(PyErr::value_error("negative shift count"));
            }
            if x == 0 {
                return Ok(Value::Int(0));
            }
            if y < 63 {
                let shifted = x << y;
                if shifted >> y == x {
                    return Ok(Value::Int(shifted));
                }
            }
            big_lshift(&BigInt::from(x), y as u64)
        }
        BinaryOp::RShift => {
            if y < 0 {
                return Err(PyErr::value_error("negative shift count"));
            }
            Ok(Value::Int(if y >= 64 { if x < 0 { -1 } else { 0 } } else { x >> y }))
        }
        BinaryOp::And => Ok(Value::Int(x & y)),
        BinaryOp::Or => Ok(Value::Int(x | y)),
        BinaryOp::Xor => Ok(Value::Int(x ^ y)),
        BinaryOp::MatMul => Err(PyErr::type_error("unsupported operand type(s) for @: 'int' and 'int'")),
    }
}

fn big_lshift(x: &BigInt, count: u64) -> PyResult<Value> {
    if x.is_zero() {
        return Ok(Value::Int(0));
    }
    if x.bits().saturating_add(count) > MAX_INT_BITS {
        return Err(too_big());
    }
    Ok(Value::from_bigint(x << count as usize))
}

fn big_pow(base: &BigInt, exp: &BigInt) -> PyResult<Value> {
    if exp.is_negative() {
        let (fb, fe) = (int::bigint_to_f64(base)?, int::bigint_to_f64(exp)?);
        return float_pow(fb, fe).map(Value::float);
    }
    if base.is_zero() {
        return Ok(Value::Int(if exp.is_zero() { 1 } else { 0 }));
    }
    if base.is_one() {
        return Ok(Value::Int(1));
    }
    if *base == BigInt::from(-1) {
        return Ok(Value::Int(if exp.is_even() { 1 } else { -1 }));
    }
    let Some(e) = exp.to_u64() else { return Err(too_big()) };
    // |base| >= 2 has `base_bits` bits, so the result has at most base_bits * e bits, and
    // exactly (base_bits - 1) * e + 1 when |base| is a power of two.
    let base_bits = base.bits();
    let magnitude = base.abs();
    let power_of_two = magnitude.trailing_zeros() == Some(base_bits - 1);
    let estimate = if power_of_two { base_bits - 1 } else { base_bits }.saturating_mul(e);
    if estimate > MAX_INT_BITS {
        return Err(too_big());
    }
    // A power of two is a shift: fast even for large exponents.
    if power_of_two {
        let shifted = BigInt::one() << (estimate as usize);
        let negative = base.is_negative() && e % 2 == 1;
        return Ok(Value::from_bigint(if negative { -shifted } else { shifted }));
    }
    let Ok(e32) = u32::try_from(e) else { return Err(too_big()) };
    Ok(Value::from_bigint(num_traits::pow(base.clone(), e32 as usize)))
}

fn big_op(op: BinaryOp, x: &BigInt, y: &BigInt) -> PyResult<Value> {
    Ok(match op {
        BinaryOp::Add => Value::from_bigint(x + y),
        BinaryOp::Sub => Value::from_bigint(x - y),
        BinaryOp::Mul => {
            if x.bits().saturating_add(y.bits()) > MAX_INT_BITS {
                return Err(too_big());
            }
            Value::from_bigint(x * y)
        }
        BinaryOp::TrueDiv => Value::float(int::true_divide(x, y)?),
        BinaryOp::FloorDiv => {
            if y.is_zero() {
                return Err(PyErr::zero_division("integer division or modulo by zero"));
            }
            Value::from_bigint(x.div_floor(y))
        }
        BinaryOp::Mod => {
            if y.is_zero() {
                return Err(PyErr::zero_division("integer modulo by zero"));
            }
            Value::from_bigint(x.mod_floor(y))
        }
        BinaryOp::Pow => return big_pow(x, y),
        BinaryOp::LShift => {
            if y.is_negative() {
                return Err(PyErr::value_error("negative shift count"));
            }
            match y.to_u64() {
                Some(count) => return big_lshift(x, count),
                None if x.is_zero() => Value::Int(0),
                None => return Err(too_big()),
            }
        }
        BinaryOp::RShift => {
            if y.is_negative() {
                return Err(PyErr::value_error("negative shift count"));
            }
            match y.to_u64() {
                Some(count) if count < x.bits() + 1 => Value::from_bigint(x >> count as usize),
                _ => Value::Int(if x.is_negative() { -1 } else { 0 }),
            }
        }
        BinaryOp::And => Value::from_bigint(x & y),
        BinaryOp::Or => Value::from_bigint(x | y),
        BinaryOp::Xor => Value::from_bigint(x ^ y),
        BinaryOp::MatMul => return Err(PyErr::type_error("unsupported operand type(s) for @: 'int' and 'int'")),
    })
}

/// `x % y` for floats (y != 0): the result takes the sign of y.
pub fn float_mod(x: f64, y: f64) -> f64 {
    let mut m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    m
}

/// `divmod(x, y)` for floats (y != 0), with Python's signs and a floor quotient that is
/// consistent with the remainder.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floor = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floor, m)
}

fn float_op(op: BinaryOp, x: f64, y: f64) -> PyResult<f64> {
    Ok(match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mul => x * y,
        BinaryOp::TrueDiv => {
            if y == 0.0 {
                return Err(PyErr::zero_division("float division by zero"));
            }
            x / y
        }
        BinaryOp::FloorDiv => {
            if y == 0.0 {
                return Err(PyErr::zero_division("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinaryOp::Mod => {
            if y == 0.0 {
                return Err(PyErr::zero_division("float modulo"));
            }
            float_mod(x, y)
        }
        BinaryOp::Pow => return float_pow(x, y),
        _ => return Err(PyErr::type_error(format!("unsupported operand type(s) for {}: 'float' and 'float'", op.symbol()))),
    })
}

fn is_odd_integer(y: f64) -> bool {
    y.is_finite() && y.trunc() == y && (y % 2.0).abs() == 1.0
}

/// `x ** y` for floats with CPython's special cases and errors.
pub fn float_pow(x: f64, y: f64) -> PyResult<f64> {
    if y == 0.0 {
        return Ok(1.0);
    }
    if x.is_nan() {
        return Ok(x);
    }
    if y.is_nan() {
        return Ok(if x == 1.0 { 1.0 } else { y });
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(if ax == 1.0 {
            1.0
        } else if (ax > 1.0) == (y > 0.0) {
            f64::INFINITY
        } else {
            0.0
        });
    }
    if x.is_infinite() {
        let odd = is_odd_integer(y);
        return Ok(if y > 0.0 {
            if x < 0.0 && odd {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        } else if x < 0.0 && odd {
            -0.0
        } else {
            0.0
        });
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(PyErr::zero_division("0.0 cannot be raised to a negative power"));
        }
        return Ok(if x.is_sign_negative() && is_odd_integer(y) { -0.0 } else { 0.0 });
    }
    if x < 0.0 && y.trunc() != y {
        return Err(PyErr::value_error(
            "negative number cannot be raised to a fractional power (the result is complex, which swallow does not support yet)",
        ));
    }
    let r = x.powf(y);
    if r.is_infinite() {
        return Err(PyErr::with_args(
            TypeId::OverflowError,
            vec![Value::Int(34), Value::str("Numerical result out of range")],
        ));
    }
    Ok(r)
}

/// Exact comparison of an int with a float (`None` when the float is nan).
fn cmp_int_float(x: Num<'_>, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    if let Num::Int(i) = x {
        if i.unsigned_abs() <= 1 << 53 {
            return (i as f64).partial_cmp(&f);
        }
    }
    let floor = f.floor();
    let ordering = if floor.abs() < 1e38 {
        let fi = floor as i128;
        match x {
            Num::Int(i) => (i as i128).cmp(&fi),
            Num::Big(b) => b.cmp(&BigInt::from(fi)),
            Num::Float(_) => return None,
        }
    } else {
        x.to_big().cmp(&int::float_to_bigint_exact(floor))
    };
    Some(match ordering {
        Ordering::Equal if f > floor => Ordering::Less,
        other => other,
    })
}

fn cmp_big(x: Num<'_>, y: Num<'_>) -> Ordering {
    match (x, y) {
        (Num::Int(a), Num::Int(b)) => a.cmp(&b),
        // A BigInt is outside i64's range, so its sign decides against any i64.
        (Num::Big(a), Num::Int(_)) => if a.is_negative() { Ordering::Less } else { Ordering::Greater },
        (Num::Int(_), Num::Big(b)) => if b.is_negative() { Ordering::Greater } else { Ordering::Less },
        (a, b) => a.to_big().cmp(&b.to_big()),
    }
}

fn ordering(x: Num<'_>, y: Num<'_>) -> Option<Ordering> {
    match (x, y) {
        (Num::Float(a), Num::Float(b)) => a.partial_cmp(&b),
        (i, Num::Float(f)) => cmp_int_float(i, f),
        (Num::Float(f), i) => cmp_int_float(i, f).map(Ordering::reverse),
        (a, b) => Some(cmp_big(a, b)),
    }
}

/// `a <cmp> b` for two numbers (ints compare exactly against floats).
pub fn compare(op: CompareOp, a: &Value, b: &Value) -> Option<bool> {
    let (x, y) = (num(a)?, num(b)?);
    if let (Num::Int(p), Num::Int(q)) = (x, y) {
        return Some(match op {
            CompareOp::Lt => p < q,
            CompareOp::Le => p <= q,
            CompareOp::Eq => p == q,
            CompareOp::Ne => p != q,
            CompareOp::Gt => p > q,
            CompareOp::Ge => p >= q,
        });
    }
    let Some(ord) = ordering(x, y) else { return Some(op == CompareOp::Ne) };
    Some(match op {
        CompareOp::Lt => ord == Ordering::Less,
        CompareOp::Le => ord != Ordering::Greater,
        CompareOp::Eq => ord == Ordering::Equal,
        CompareOp::Ne => ord != Ordering::Equal,
        CompareOp::Gt => ord == Ordering::Greater,
        CompareOp::Ge => ord != Ordering::Less,
    })
}

/// `a == b` for two numbers.
pub fn eq(a: &Value, b: &Value) -> Option<bool> {
    compare(CompareOp::Eq, a, b)
}

/// Python `hash()` of a number (consistent across int, bool and float).
pub fn hash(v: &Value) -> Option<i64> {
    Some(match v {
        Value::Int(i) => hash_i64(*i),
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => hash_bigint(b),
        Value::Float(f) => hash_f64(f.get()),
        _ => return None,
    })
}

/// `repr()` of a number, or the ValueError for an int beyond the int -> str digit limit
/// (`sys.set_int_max_str_digits`). Prefer this over `repr`.
pub fn try_repr(v: &Value) -> Option<PyResult<String>> {
    Some(Ok(match v {
        Value::Int(i) => i.to_string(),
        Value::Bool(BoolWord::True) => "True".into(),
        Value::Bool(BoolWord::False) => "False".into(),
        Value::BigInt(b) => return Some(bigint_to_decimal(b)),
        Value::Float(f) => float_repr(f.get()),
        _ => return None,
    }))
}

/// `repr()` of a number. Ints beyond the digit limit come back in full here; `try_repr`
/// raises the ValueError CPython raises for them.
pub fn repr(v: &Value) -> Option<String> {
    match v {
        Value::BigInt(b) => Some(b.to_string()),
        _ => try_repr(v).and_then(Result::ok),
    }
}

/// `-v`.
pub fn negative(v: &Value) -> Option<PyResult<Value>> {
    Some(Ok(match v {
        Value::Int(i) => match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => Value::from_bigint(-BigInt::from(*i)),
        },
        Value::Bool(b) => Value::Int(-(*b as i64)),
        Value::BigInt(b) => Value::from_bigint(-(**b).clone()),
        Value::Float(f) => Value::float(-f.get()),
        _ => return None,
    }))
}

/// `+v`.
pub fn positive(v: &Value) -> Option<PyResult<Value>> {
    Some(Ok(match v {
        Value::Int(_) | Value::BigInt(_) | Value::Float(_) => v.clone(),
        Value::Bool(b) => Value::Int(*b as i64),
        _ => return None,
    }))
}

/// `~v` (ints and bools only).
pub fn invert(v: &Value) -> Option<PyResult<Value>> {
    Some(Ok(match v {
        Value::Int(i) => Value::Int(!i),
        Value::Bool(b) => Value::Int(!(*b as i64)),
        Value::BigInt(b) => Value::from_bigint(-(**b).clone() - 1),
        _ => return None,
    }))
}

/// `abs(v)` for a number.
pub fn absolute(v: &Value) -> Option<PyResult<Value>> {
    Some(Ok(match v {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::BigInt(b) => Value::BigInt(Rc::new(b.abs())),
        Value::Float(f) => Value::float(f.get().abs()),
        _ => return None,
    }))
}

/// `divmod(a, b)` for two numbers.
pub fn divmod(a: &Value, b: &Value) -> Option<PyResult<Value>> {
    let (x, y) = (num(a)?, num(b)?);
    Some(match (x, y) {
        (Num::Float(_), _) | (_, Num::Float(_)) => (|| {
            let (fx, fy) = (x.to_f64()?, y.to_f64()?);
            if fy == 0.0 {
                return Err(PyErr::zero_division("float divmod()"));
            }
            let (q, r) = float_divmod(fx, fy);
            Ok(Value::tuple(vec![Value::float(q), Value::float(r)]))
        })(),
        _ => (|| {
            let q = binary_op(BinaryOp::FloorDiv, a, b).unwrap_or_else(|| Ok(Value::None))?;
            let r = binary_op(BinaryOp::Mod, a, b).unwrap_or_else(|| Ok(Value::None))?;
            Ok(Value::tuple(vec![q, r]))
        })(),
    })
}

/// Truth value of a number.
pub fn truthy(v: &Value) -> Option<bool> {
    Some(match v {
        Value::Int(i) => *i != 0,
        Value::Bool(b) => b.get(),
        Value::BigInt(_) => true,
        Value::Float(f) => f.get() != 0.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(r: Option<PyResult<Value>>) -> String {
        match r {
            None => "none".into(),
            Some(Err(e)) => {
                let msg = match e.0.args().items.first() {
                    Some(Value::Str(s)) => s.as_str().to_owned(),
                    _ => String::new(),
                };
                format!("{}: {}", e.0.ty.name, msg)
            }
            Some(Ok(v)) => match &v {
                Value::Bool(b) => format!("bool {}", b.get()),
                Value::Int(i) => format!("int {i}"),
                Value::BigInt(b) => format!("big {b}"),
                Value::Float(f) => format!("float {}", float_repr(f.get())),
                Value::Tuple(t) => {
                    let parts: Vec<String> = t.items.iter().map(|x| repr(x).unwrap_or_default()).collect();
                    format!("({})", parts.join(", "))
                }
                _ => "other".into(),
            },
        }
    }

    fn op(o: BinaryOp, a: Value, b: Value) -> String {
        show(binary_op(o, &a, &b))
    }

    use BinaryOp::*;
    use Value::Int as I;

    #[allow(non_snake_case)]
    fn B(b: bool) -> Value {
        Value::bool(b)
    }

    #[allow(non_snake_case)]
    fn F(f: f64) -> Value {
        Value::float(f)
    }

    #[test]
    fn int_arithmetic_and_promotion() {
        assert_eq!(op(Add, I(i64::MAX), I(1)), "big 9223372036854775808");
        assert_eq!(op(Sub, I(i64::MIN), I(1)), "big -9223372036854775809");
        assert_eq!(op(Mul, I(1 << 40), I(1 << 40)), "big 1208925819614629174706176");
        // BigInt results that fit go back to Int.
        let big = binary_op(Add, &I(i64::MAX), &I(1)).and_then(Result::ok).unwrap_or(Value::None);
        assert_eq!(op(Sub, big, I(1)), "int 9223372036854775807");
        assert_eq!(op(Add, B(true), B(true)), "int 2");
        assert_eq!(op(And, B(true), B(false)), "bool false");
        assert_eq!(op(Xor, B(true), B(false)), "bool true");
        assert_eq!(op(And, B(true), I(3)), "int 1");
        assert_eq!(op(MatMul, I(1), I(2)), "none");
        assert_eq!(op(And, F(1.0), I(2)), "none");
    }

    #[test]
    fn division_signs() {
        assert_eq!(op(FloorDiv, I(-7), I(2)), "int -4");
        assert_eq!(op(Mod, I(-7), I(2)), "int 1");
        assert_eq!(op(Mod, I(7), I(-2)), "int -1");
        assert_eq!(op(FloorDiv, I(i64::MIN), I(-1)), "big 9223372036854775808");
        assert_eq!(op(Mod, I(i64::MIN), I(-1)), "int 0");
        assert_eq!(op(TrueDiv, I(7), I(2)), "float 3.5");
        assert_eq!(op(TrueDiv, I(1), I(3)), "float 0.3333333333333333");
        assert_eq!(op(FloorDiv, F(-7.5), I(2)), "float -4.0");
        assert_eq!(op(Mod, F(-7.5), I(2)), "float 0.5");
        assert_eq!(op(Mod, F(7.5), F(-2.0)), "float -0.5");
        assert_eq!(op(Mod, F(-0.0), F(1.0)), "float 0.0");
        assert_eq!(op(Mod, F(0.0), F(-1.0)), "float -0.0");
        assert_eq!(op(FloorDiv, F(1.0), F(0.1)), "float 9.0");
        assert_eq!(op(Mod, F(1.0), F(0.1)), "float 0.09999999999999995");
        assert_eq!(show(divmod(&F(-7.5), &I(2))), "(-4.0, 0.5)");
        assert_eq!(show(divmod(&I(-7), &I(2))), "(-4, 1)");
    }

    #[test]
    fn zero_division_messages() {
        assert_eq!(op(TrueDiv, I(1), I(0)), "ZeroDivisionError: division by zero");
        assert_eq!(op(FloorDiv, I(1), I(0)), "ZeroDivisionError: integer division or modulo by zero");
        assert_eq!(op(Mod, I(1), I(0)), "ZeroDivisionError: integer modulo by zero");
        assert_eq!(op(TrueDiv, F(1.0), I(0)), "ZeroDivisionError: float division by zero");
        assert_eq!(op(FloorDiv, F(1.0), I(0)), "ZeroDivisionError: float floor division by zero");
        assert_eq!(op(Mod, I(1), F(0.0)), "ZeroDivisionError: float modulo");
        assert_eq!(op(Pow, I(0), I(-1)), "ZeroDivisionError: 0.0 cannot be raised to a negative power");
        assert_eq!(show(divmod(&F(1.0), &I(0))), "ZeroDivisionError: float divmod()");
    }

    #[test]
    fn powers() {
        assert_eq!(op(Pow, I(2), I(10)), "int 1024");
        assert_eq!(op(Pow, I(2), I(64)), "big 18446744073709551616");
        assert_eq!(op(Pow, I(-2), I(63)), "int -9223372036854775808");
        assert_eq!(op(Pow, I(2), I(-2)), "float 0.25");
        assert_eq!(op(Pow, I(-2), I(-1)), "float -0.5");
        assert_eq!(op(Pow, I(-1), I(1_000_000_000_001)), "int -1");
        assert_eq!(op(Pow, I(3), I(1 << 40)), "MemoryError: ");
        assert_eq!(op(Pow, F(2.0), F(0.5)), "float 1.4142135623730951");
        assert_eq!(op(Pow, F(2.0), I(10000)), "OverflowError: ");
        assert_eq!(op(Pow, F(f64::NAN), I(0)), "float 1.0");
        assert_eq!(op(Pow, F(1.0), F(f64::NAN)), "float 1.0");
        assert_eq!(op(Pow, F(-8.0), F(1.0 / 3.0)), "ValueError: negative number cannot be raised to a fractional power (the result is complex, which swallow does not support yet)");
        assert_eq!(op(Pow, F(-2.0), F(3.0)), "float -8.0");
        assert_eq!(op(Pow, F(-0.0), F(-1.0)), "ZeroDivisionError: 0.0 cannot be raised to a negative power");
        assert_eq!(op(Pow, F(f64::INFINITY), F(-1.0)), "float 0.0");
        assert_eq!(op(Pow, F(f64::NEG_INFINITY), F(3.0)), "float -inf");
    }

    #[test]
    fn shifts_and_bits() {
        assert_eq!(op(LShift, I(1), I(62)), "int 4611686018427387904");
        assert_eq!(op(LShift, I(1), I(63)), "big 9223372036854775808");
        assert_eq!(op(LShift, I(-1), I(63)), "int -9223372036854775808");
        assert_eq!(op(LShift, I(3), I(100)), "big 3802951800684688204490109616128");
        assert_eq!(op(RShift, I(-5), I(1)), "int -3");
        assert_eq!(op(RShift, I(-5), I(100)), "int -1");
        assert_eq!(op(LShift, I(1), I(-1)), "ValueError: negative shift count");
        assert_eq!(op(LShift, I(1), I(1 << 40)), "MemoryError: ");
        let big = Value::from_bigint(BigInt::from(1) << 100);
        assert_eq!(op(RShift, big.clone(), I(99)), "int 2");
        assert_eq!(op(And, big.clone(), I(-1)), "big 1267650600228229401496703205376");
        assert_eq!(op(And, I(-12), I(10)), "int 0");
        assert_eq!(op(LShift, I(0), big), "int 0");
    }

    #[test]
    fn comparisons_are_exact() {
        let two53p1 = I((1 << 53) + 1);
        assert_eq!(compare(CompareOp::Eq, &two53p1, &F(9007199254740992.0)), Some(false));
        assert_eq!(compare(CompareOp::Gt, &two53p1, &F(9007199254740992.0)), Some(true));
        assert_eq!(compare(CompareOp::Lt, &I(1), &F(1.5)), Some(true));
        assert_eq!(compare(CompareOp::Eq, &I(1), &F(1.0)), Some(true));
        assert_eq!(compare(CompareOp::Eq, &B(true), &F(1.0)), Some(true));
        assert_eq!(compare(CompareOp::Ne, &I(1), &F(f64::NAN)), Some(true));
        assert_eq!(compare(CompareOp::Lt, &I(1), &F(f64::NAN)), Some(false));
        let big = Value::from_bigint(BigInt::from(10).pow(400));
        assert_eq!(compare(CompareOp::Lt, &big, &F(f64::INFINITY)), Some(true));
        assert_eq!(compare(CompareOp::Gt, &big, &F(1e308)), Some(true));
        assert_eq!(compare(CompareOp::Gt, &big, &I(5)), Some(true));
        assert_eq!(compare(CompareOp::Eq, &Value::from_bigint(BigInt::from(1) << 70), &F(2f64.powi(70))), Some(true));
        assert_eq!(compare(CompareOp::Lt, &I(-3), &F(-2.5)), Some(true));
        assert_eq!(compare(CompareOp::Eq, &I(1), &Value::None), None);
    }

    #[test]
    fn hashes_agree_across_types() {
        assert_eq!(hash(&I(-1)), Some(-2));
        assert_eq!(hash(&F(-1.0)), Some(-2));
        assert_eq!(hash(&F(3.0)), hash(&I(3)));
        assert_eq!(hash(&B(true)), hash(&F(1.0)));
        let big = Value::from_bigint(BigInt::from(1) << 61);
        assert_eq!(hash(&big), Some(1));
        assert_eq!(hash(&F(2f64.powi(100))), hash(&Value::from_bigint(BigInt::from(1) << 100)));
    }

    #[test]
    fn unary_and_repr() {
        assert_eq!(show(negative(&I(i64::MIN))), "big 9223372036854775808");
        assert_eq!(show(invert(&I(5))), "int -6");
        assert_eq!(show(invert(&B(true))), "int -2");
        assert_eq!(show(positive(&B(true))), "int 1");
        assert_eq!(show(absolute(&F(-0.0))), "float 0.0");
        assert_eq!(repr(&F(1e16)).as_deref(), Some("1e+16"));
        let huge = Value::from_bigint(BigInt::from(10).pow(5000));
        assert!(matches!(try_repr(&huge), Some(Err(_))));
    }
}
