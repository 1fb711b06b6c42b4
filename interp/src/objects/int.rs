//! `int`: i64 fast paths, transparent promotion to BigInt, hashing, parsing (`int(s, base)`),
//! the int <-> str digit limit, conversions to and from float, and the methods of `int`.

use std::cell::Cell;

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::error::{PyErr, PyResult};
use crate::objects::types::MethodTable;
use crate::value::{CallArgs, Value};
use crate::vm::Vm;

/// Modulus of Python's numeric hash (2**61 - 1).
pub const HASH_MODULUS: i64 = (1 << 61) - 1;

/// Bit width of the numeric hash modulus: `2**HASH_BITS == 1 (mod HASH_MODULUS)`.
pub const HASH_BITS: u32 = 61;

/// Largest int result (in bits) swallow agrees to build: beyond it `**` and `<<` raise
/// MemoryError instead of running for minutes or exhausting memory.
pub const MAX_INT_BITS: u64 = 1 << 26;

/// CPython 3.11's default limit on decimal digits in int <-> str conversions.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// The smallest non-zero value `sys.set_int_max_str_digits` accepts.
pub const MIN_MAX_STR_DIGITS: usize = 640;

thread_local! {
    static MAX_STR_DIGITS: Cell<usize> = const { Cell::new(DEFAULT_MAX_STR_DIGITS) };
}

/// Current `sys.get_int_max_str_digits()` (0 = unlimited).
pub fn max_str_digits() -> usize {
    MAX_STR_DIGITS.with(|c| c.get())
}

/// `sys.set_int_max_str_digits(n)`.
pub fn set_max_str_digits(n: usize) -> PyResult<()> {
    if n != 0 && n < MIN_MAX_STR_DIGITS {
        return Err(PyErr::value_error(format!("maxdigits must be 0 or larger than {MIN_MAX_STR_DIGITS}")));
    }
    MAX_STR_DIGITS.with(|c| c.set(n));
    Ok(())
}

/// Python `hash()` of an int that fits in i64.
pub fn hash_i64(x: i64) -> i64 {
    let h = if x >= 0 {
        x % HASH_MODULUS
    } else {
        -((x.unsigned_abs() % HASH_MODULUS as u64) as i64)
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Python `hash()` of a BigInt: |x| mod 2**61-1, with x's sign, and -1 mapped to -2.
pub fn hash_bigint(x: &BigInt) -> i64 {
    let modulus = BigInt::from(HASH_MODULUS);
    let magnitude = (x.abs() % modulus).to_i64().unwrap_or(0);
    let h = if x.is_negative() { -magnitude } else { magnitude };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// A BigInt from any int-like value (int, bool, BigInt).
pub fn to_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// True for int, bool and BigInt values.
pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
}

/// `operator.index(v)` as an i64: TypeError for non-ints, OverflowError when it does not fit.
pub fn index_i64(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Err(PyErr::overflow("Python int too large to convert to C ssize_t")),
        Value::Object(_) => index_i64(&crate::objects::dunder::index_without_vm(v)?),
        _ => Err(not_an_integer(v)),
    }
}

/// `operator.index(v)` as a Python int value (Int or BigInt); TypeError for non-ints.
pub fn index_value(v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Object(_) => crate::objects::dunder::index_without_vm(v),
        _ => Err(not_an_integer(v)),
    }
}

/// "'float' object cannot be interpreted as an integer".
pub fn not_an_integer(v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        crate::objects::types::type_of(v).name
    ))
}

fn limit_error_to_str() -> PyErr {
    PyErr::value_error(format!(
        "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
        max_str_digits()
    ))
}

/// Decimal text of a BigInt, honouring the int -> str digit limit (ValueError beyond it).
pub fn bigint_to_decimal(x: &BigInt) -> PyResult<String> {
    let limit = max_str_digits();
    if limit != 0 {
        // log10(2) < 0.30103: a number of `bits` bits has at least (bits-1)*0.30103 digits.
        let bits = x.bits();
        if bits > 1 && ((bits - 1) as f64) * std::f64::consts::LOG10_2 > limit as f64 + 1.0 {
            return Err(limit_error_to_str());
        }
    }
    let text = x.to_string();
    let digits = text.len() - usize::from(text.starts_with('-'));
    if limit != 0 && digits > limit {
        return Err(limit_error_to_str());
    }
    Ok(text)
}

/// Text of an int value in `radix` 2, 8 or 16 with Python's prefix (`-0x1f`), as `hex()`,
/// `oct()`, `bin()` produce. Power-of-two radixes have no digit limit.
pub fn int_to_prefixed(v: &Value, radix: u32) -> PyResult<String> {
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        _ => "0x",
    };
    let big = match index_value(v)? {
        Value::Int(i) => BigInt::from(i),
        Value::BigInt(b) => (*b).clone(),
        _ => BigInt::zero(),
    };
    let digits = big.magnitude().to_str_radix(radix);
    let sign = if big.is_negative() { "-" } else { "" };
    Ok(format!("{sign}{prefix}{digits}"))
}

/// Python's whitespace (what `str.strip()` removes).
pub(crate) fn is_py_whitespace(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\x1c'..='\x1f')
}

/// `int(text, base)`: base 0 (infer from prefix) or 2..=36.
pub fn parse_int(text: &str, base: u32) -> PyResult<Value> {
    let invalid = || {
        PyErr::value_error(format!("invalid literal for int() with base {}: {}", base, crate::objects::str::repr_str(text)))
    };
    let trimmed = text.trim_matches(is_py_whitespace);
    let (negative, unsigned) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let lower_prefix = unsigned.get(..2).map(|p| p.to_ascii_lowercase());
    let prefix_base = match lower_prefix.as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let (radix, body, had_prefix) = match (base, prefix_base) {
        (0, Some(b)) => (b, &unsigned[2..], true),
        (0, None) => (10, unsigned, false),
        (b, Some(p)) if b == p => (b, &unsigned[2..], true),
        (b, _) => (b, unsigned, false),
    };
    // Underscores: single, between digits, or right after a base prefix.
    let mut digits = String::with_capacity(body.len());
    let mut previous_was_digit = had_prefix;
    let mut previous_was_underscore = false;
    for c in body.chars() {
        if c == '_' {
            if !previous_was_digit {
                return Err(invalid());
            }
            previous_was_digit = false;
            previous_was_underscore = true;
            continue;
        }
        match c.to_digit(radix) {
            Some(_) => digits.push(c),
            None => return Err(invalid()),
        }
        previous_was_digit = true;
        previous_was_underscore = false;
    }
    if digits.is_empty() || previous_was_underscore {
        return Err(invalid());
    }
    // Base 0 forbids leading zeros in a non-zero decimal literal ("010").
    if base == 0 && !had_prefix && digits.starts_with('0') && digits.bytes().any(|b| b != b'0') {
        return Err(invalid());
    }
    let limit = max_str_digits();
    if limit != 0 && !radix.is_power_of_two() && digits.len() > limit {
        return Err(PyErr::value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            limit,
            digits.len()
        )));
    }
    if digits.len() <= 18 {
        if let Ok(v) = i64::from_str_radix(&digits, radix) {
            return Ok(Value::Int(if negative { -v } else { v }));
        }
    }
    let magnitude = BigInt::parse_bytes(digits.as_bytes(), radix).ok_or_else(invalid)?;
    Ok(Value::from_bigint(if negative { -magnitude } else { magnitude }))
}

/// `int(f)` for a float: truncation toward zero, exact for any magnitude.
pub fn float_to_int(f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyErr::overflow("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    // 2**63 as a float: every float in [-2**63, 2**63) converts to i64 exactly.
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    if (-TWO_POW_63..TWO_POW_63).contains(&t) {
        return Ok(Value::Int(t as i64));
    }
    Ok(Value::from_bigint(float_to_bigint_exact(t)))
}

/// The exact integer value of an integral, finite float.
pub fn float_to_bigint_exact(f: f64) -> BigInt {
    let (mantissa, exponent) = crate::objects::float::decompose(f);
    let magnitude = BigInt::from(mantissa);
    let value = if exponent >= 0 { magnitude << exponent as usize } else { magnitude >> (-exponent) as usize };
    if f < 0.0 {
        -value
    } else {
        value
    }
}

/// Round `value` (finite, non-negative `mantissa * 2**exponent`, plus `sticky` meaning "and a
/// little more") to the nearest f64, ties to even. `None` when the result overflows.
pub fn scaled_to_f64(mantissa: &BigInt, exponent: i64, sticky: bool) -> Option<f64> {
    let bits = mantissa.bits() as i64;
    if bits == 0 {
        return Some(0.0);
    }
    // The value lies in [2**top, 2**(top+1)).
    let top = bits - 1 + exponent;
    if top > 1023 {
        return None;
    }
    // Significant bits available at this magnitude (fewer for subnormals).
    let precision = if top >= -1022 { 53 } else { top + 1075 };
    if precision < 0 {
        return Some(0.0);
    }
    let drop = bits - precision;
    let (kept, scale) = if drop <= 0 {
        (mantissa.to_u64().unwrap_or(0), exponent)
    } else {
        let kept_big: BigInt = mantissa >> drop as usize;
        let mut kept = kept_big.to_u64().unwrap_or(0);
        let remainder: BigInt = mantissa - (&kept_big << drop as usize);
        let half: BigInt = BigInt::from(1) << (drop - 1) as usize;
        let round_up = match remainder.cmp(&half) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => sticky || kept & 1 == 1,
            std::cmp::Ordering::Less => false,
        };
        if round_up {
            kept += 1;
        }
        (kept, exponent + drop)
    };
    let result = ldexp(kept as f64, scale);
    if result.is_infinite() {
        None
    } else {
        Some(result)
    }
}

/// `x * 2**exp`, exact whenever the result is representable (scaling moves monotonically
/// toward the result, so no intermediate step rounds).
pub fn ldexp(mut x: f64, mut exp: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let up = 2f64.powi(1000);
    let down = 2f64.powi(-1000);
    while exp > 1000 {
        x *= up;
        exp -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while exp < -1000 {
        x *= down;
        exp += 1000;
        if x == 0.0 {
            return x;
        }
    }
    x * 2f64.powi(exp as i32)
}

/// `float(big)`: correctly rounded; OverflowError when out of range.
pub fn bigint_to_f64(x: &BigInt) -> PyResult<f64> {
    let magnitude = x.abs();
    match scaled_to_f64(&magnitude, 0, false) {
        Some(f) => Ok(if x.is_negative() { -f } else { f }),
        None => Err(PyErr::overflow("int too large to convert to float")),
    }
}

/// `float(v)` for an int value (Int, Bool, BigInt).
pub fn int_to_f64(v: &Value) -> Option<PyResult<f64>> {
    match v {
        Value::Int(i) => Some(Ok(*i as f64)),
        Value::Bool(b) => Some(Ok(*b as i64 as f64)),
        Value::BigInt(b) => Some(bigint_to_f64(b)),
        _ => None,
    }
}

/// `a / b` for two ints, correctly rounded (CPython's int true division).
pub fn true_divide(a: &BigInt, b: &BigInt) -> PyResult<f64> {
    if b.is_zero() {
        return Err(PyErr::zero_division("division by zero"));
    }
    let negative = a.is_negative() != b.is_negative();
    let (a, b) = (a.abs(), b.abs());
    if a.is_zero() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    // Scale so the quotient has at least 55 significant bits, then round once.
    let shift = 55 + b.bits() as i64 - a.bits() as i64;
    let (quotient, remainder) = if shift >= 0 {
        (a << shift as usize).div_rem(&b)
    } else {
        a.div_rem(&(b << (-shift) as usize))
    };
    match scaled_to_f64(&quotient, -shift, !remainder.is_zero()) {
        Some(f) => Ok(if negative { -f } else { f }),
        None => Err(PyErr::overflow("integer division result too large for a float")),
    }
}

/// Number of bits of |x| (`int.bit_length()`).
pub fn bit_length(v: &Value) -> u64 {
    match v {
        Value::Int(i) => 64 - i.unsigned_abs().leading_zeros() as u64,
        Value::Bool(b) => *b as u64,
        Value::BigInt(b) => b.bits(),
        _ => 0,
    }
}

fn self_int(args: &CallArgs<'_>, method: &str) -> PyResult<Value> {
    let pos = args.positional();
    let Some(this) = pos.first() else {
        return Err(PyErr::type_error(format!("descriptor '{method}' of 'int' object needs an argument")));
    };
    if !is_int(this) {
        return Err(PyErr::type_error(format!(
            "descriptor '{method}' for 'int' objects doesn't apply to a '{}' object",
            this.type_id().name()
        )));
    }
    crate::builtins::args::no_kwargs(method, args)?;
    if pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "int.{method}() takes no arguments ({} given)",
            pos.len() - 1
        )));
    }
    index_value(this)
}

fn int_bit_length(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let this = self_int(&args, "bit_length")?;
    Ok(Value::Int(bit_length(&this) as i64))
}

fn int_bit_count(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let this = self_int(&args, "bit_count")?;
    let count = match &this {
        Value::Int(i) => i.unsigned_abs().count_ones() as u64,
        Value::BigInt(b) => b.magnitude().iter_u64_digits().map(|d| d.count_ones() as u64).sum(),
        _ => 0,
    };
    Ok(Value::Int(count as i64))
}

fn int_conjugate(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    self_int(&args, "conjugate")
}

fn int_as_integer_ratio(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let this = self_int(&args, "as_integer_ratio")?;
    Ok(Value::tuple(vec![this, Value::Int(1)]))
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)` returns bytes, which swallow
/// does not have yet.
fn int_to_bytes(_vm: &mut Vm, _args: CallArgs<'_>) -> PyResult<Value> {
    Err(PyErr::unsupported("int.to_bytes (bytes objects)"))
}

fn int_index(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    self_int(&args, "__index__")
}

/// Methods of `int`.
pub const METHODS: MethodTable = &[
    ("bit_length", int_bit_length),
    ("bit_count", int_bit_count),
    ("conjugate", int_conjugate),
    ("as_integer_ratio", int_as_integer_ratio),
    ("to_bytes", int_to_bytes),
    ("__index__", int_index),
    ("__int__", int_index),
    ("__trunc__", int_index),
];

/// Exact sign of an int value: -1, 0 or 1.
pub fn sign_of(v: &Value) -> i32 {
    match v {
        Value::Int(i) => i.signum() as i32,
        Value::Bool(b) => *b as i32,
        Value::BigInt(b) => match b.sign() {
            Sign::Minus => -1,
            Sign::NoSign => 0,
            Sign::Plus => 1,
        },
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int_of(v: PyResult<Value>) -> String {
        match v {
            Ok(Value::Int(i)) => i.to_string(),
            Ok(Value::BigInt(b)) => b.to_string(),
            Ok(_) => "?".into(),
            Err(e) => format!("err {}", e.0.ty.name),
        }
    }

    #[test]
    fn parses_ints_like_python() {
        assert_eq!(int_of(parse_int(" 42 ", 10)), "42");
        assert_eq!(int_of(parse_int("-1_000", 10)), "-1000");
        assert_eq!(int_of(parse_int("0x_ff", 0)), "255");
        assert_eq!(int_of(parse_int("0XFF", 16)), "255");
        assert_eq!(int_of(parse_int("ff", 16)), "255");
        assert_eq!(int_of(parse_int("0b101", 0)), "5");
        assert_eq!(int_of(parse_int("0o17", 8)), "15");
        assert_eq!(int_of(parse_int("000", 0)), "0");
        assert_eq!(int_of(parse_int("z", 36)), "35");
        assert_eq!(int_of(parse_int("99999999999999999999", 10)), "99999999999999999999");
        assert_eq!(int_of(parse_int("-9223372036854775808", 10)), "-9223372036854775808");
        for bad in ["", "abc", "1_", "_1", "1__0", "0x", "- 1", "1.5", "010"] {
            let base = if bad == "010" { 0 } else { 10 };
            assert_eq!(int_of(parse_int(bad, base)), "err ValueError", "{bad}");
        }
        let e = parse_int("abc", 10).err().map(|e| e.0.args().items.len());
        assert_eq!(e, Some(1));
    }

    #[test]
    fn digit_limit() {
        assert!(parse_int(&"1".repeat(4300), 10).is_ok());
        assert!(parse_int(&"1".repeat(4301), 10).is_err());
        assert!(parse_int(&"1".repeat(5000), 16).is_ok());
        let ten = BigInt::from(10);
        assert!(bigint_to_decimal(&num_traits::pow(ten.clone(), 4299)).is_ok());
        assert!(bigint_to_decimal(&num_traits::pow(ten, 4300)).is_err());
    }

    #[test]
    fn hashes_match_cpython() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(HASH_MODULUS), 0);
        assert_eq!(hash_bigint(&(BigInt::from(1) << 61)), 1);
        assert_eq!(hash_bigint(&-(BigInt::from(1) << 64usize)), -8);
        assert_eq!(hash_bigint(&BigInt::from(-(HASH_MODULUS * 3) - 1)), hash_i64(-(HASH_MODULUS * 3) - 1));
    }

    #[test]
    fn float_conversions() {
        assert_eq!(int_of(float_to_int(-3.9)), "-3");
        assert_eq!(int_of(float_to_int(1e20)), "100000000000000000000");
        assert_eq!(int_of(float_to_int(f64::INFINITY)), "err OverflowError");
        assert_eq!(int_of(float_to_int(f64::NAN)), "err ValueError");
        let big = BigInt::from(1) << 1023;
        assert_eq!(bigint_to_f64(&big).ok(), Some(2f64.powi(1023)));
        assert!(bigint_to_f64(&(BigInt::from(1) << 1024)).is_err());
        // 2**53 + 1 rounds to even (down); 2**53 + 3 rounds up.
        let two53 = BigInt::from(1u64 << 53);
        assert_eq!(bigint_to_f64(&(&two53 + 1)).ok(), Some(9007199254740992.0));
        assert_eq!(bigint_to_f64(&(&two53 + 3)).ok(), Some(9007199254740996.0));
    }

    #[test]
    fn true_division_is_correctly_rounded() {
        let ten = BigInt::from(10);
        let big = num_traits::pow(ten.clone(), 30);
        assert_eq!(true_divide(&big, &BigInt::from(3)).ok(), Some(3.333333333333333e29));
        assert_eq!(true_divide(&BigInt::from(1), &num_traits::pow(ten.clone(), 400)).ok(), Some(0.0));
        assert_eq!(true_divide(&BigInt::from(1), &num_traits::pow(ten.clone(), 310)).ok(), Some(1e-310));
        assert_eq!(true_divide(&BigInt::from(-7), &BigInt::from(2)).ok(), Some(-3.5));
        assert!(true_divide(&num_traits::pow(ten, 400), &BigInt::from(1)).is_err());
        assert!(true_divide(&BigInt::from(1), &BigInt::from(0)).is_err());
    }

    #[test]
    fn prefixed_text() {
        assert_eq!(int_to_prefixed(&Value::Int(-31), 16).ok().as_deref(), Some("-0x1f"));
        assert_eq!(int_to_prefixed(&Value::Int(5), 2).ok().as_deref(), Some("0b101"));
        assert_eq!(int_to_prefixed(&Value::Int(0), 8).ok().as_deref(), Some("0o0"));
    }
}
