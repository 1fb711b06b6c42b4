//! `float`: repr (shortest round-trip digits in CPython's layout), parsing (`float(s)`),
//! hashing, the decimal digit helpers the format mini-language builds on, and the methods of
//! `float`.

use num_bigint::BigInt;
use num_traits::{One, Zero};

use crate::error::{PyErr, PyResult};
use crate::objects::int::{is_py_whitespace, HASH_BITS, HASH_MODULUS};
use crate::objects::types::MethodTable;
use crate::value::{CallArgs, Value};
use crate::vm::Vm;

/// A finite float as `mantissa * 2**exponent` with an integer mantissa (sign dropped).
pub fn decompose(f: f64) -> (u64, i64) {
    let bits = f.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    }
}

/// A float's value as decimal digits: `0.d1 d2 ...` is NOT used; the value is
/// `d1.d2d3... * 10**exponent` (scientific), `digits` has no sign and at least one digit.
#[derive(Debug, Clone, PartialEq)]
pub struct SciDigits {
    pub digits: String,
    pub exponent: i32,
}

/// Parse Rust's `{:e}` output of a non-negative finite float into digits and exponent.
fn parse_lower_exp(text: &str) -> SciDigits {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    SciDigits { digits, exponent: exponent.parse().unwrap_or(0) }
}

/// The shortest digits that round-trip to `x` (finite, sign ignored); among equally short
/// candidates, the one closest to `x`, ties going to the even digit (as CPython's repr).
pub fn shortest_digits(x: f64) -> SciDigits {
    let x = x.abs();
    let shortest = parse_lower_exp(&format!("{:e}", x));
    // Only 16- and 17-digit results can have two round-tripping candidates equally close;
    // the correctly rounded one (half-to-even) is CPython's choice when it round-trips.
    let n = shortest.digits.len();
    if n >= 16 {
        let text = format!("{:.*e}", n - 1, x);
        if text.parse::<f64>().ok() == Some(x) {
            return parse_lower_exp(&text);
        }
    }
    shortest
}

/// `x` (finite, sign ignored) correctly rounded to `significant` >= 1 significant digits.
pub fn rounded_digits(x: f64, significant: usize) -> SciDigits {
    parse_lower_exp(&format!("{:.*e}", significant.saturating_sub(1), x.abs()))
}

/// Lay out scientific digits in fixed notation: `123.45`, `0.001`, `1200` (no forced `.0`).
pub fn fixed_from_digits(d: &SciDigits) -> String {
    let digits = d.digits.as_bytes();
    let n = digits.len() as i64;
    let e = d.exponent as i64;
    let mut out = String::new();
    if e < 0 {
        out.push_str("0.");
        for _ in 0..(-e - 1) {
            out.push('0');
        }
        out.push_str(&d.digits);
    } else if e + 1 >= n {
        out.push_str(&d.digits);
        for _ in 0..(e + 1 - n) {
            out.push('0');
        }
    } else {
        let point = (e + 1) as usize;
        out.push_str(&d.digits[..point]);
        out.push('.');
        out.push_str(&d.digits[point..]);
    }
    out
}

/// An exponent suffix in Python's style: `e+05`, `e-10`, `e+100`.
pub fn exponent_suffix(exponent: i32, upper: bool) -> String {
    let sign = if exponent < 0 { '-' } else { '+' };
    let e = if upper { 'E' } else { 'e' };
    format!("{e}{sign}{:02}", exponent.unsigned_abs())
}

/// `repr(x)` exactly as CPython: shortest round-trip digits, exponent notation when the
/// decimal exponent is < -4 or >= 16.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let d = shortest_digits(x);
    if d.exponent < -4 || d.exponent >= 16 {
        let mut mantissa = d.digits[..1].to_string();
        if d.digits.len() > 1 {
            mantissa.push('.');
            mantissa.push_str(&d.digits[1..]);
        }
        format!("{sign}{mantissa}{}", exponent_suffix(d.exponent, false))
    } else {
        let mut text = fixed_from_digits(&d);
        if !text.contains('.') {
            text.push_str(".0");
        }
        format!("{sign}{text}")
    }
}

/// Python `hash()` of a float, consistent with ints: the value as a fraction reduced modulo
/// 2**61-1 (inf hashes to ±314159; nan to a fixed value derived from its bits).
pub fn hash_f64(x: f64) -> i64 {
    if x.is_infinite() {
        return if x > 0.0 { 314_159 } else { -314_159 };
    }
    if x.is_nan() {
        // CPython hashes nan by object identity; unboxed floats have none, so derive a value
        // from the bits (stable for a given nan, different from every finite float's hash
        // in practice).
        return ((x.to_bits() >> 3) as i64 & HASH_MODULUS) ^ 0x5bd1_e995;
    }
    let (mantissa, exponent) = decompose(x);
    let modulus = HASH_MODULUS as u128;
    // 2**61 == 1 (mod 2**61-1), so 2**e == 2**(e mod 61).
    let shift = exponent.rem_euclid(HASH_BITS as i64) as u32;
    let reduced = (mantissa as u128 % modulus) * ((1u128 << shift) % modulus) % modulus;
    let mut h = reduced as i64;
    if x < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `float(text)`: Python's float literal syntax plus inf/nan words, surrounding whitespace and
/// single underscores between digits.
pub fn parse_float(text: &str) -> PyResult<f64> {
    let invalid = || PyErr::value_error(format!("could not convert string to float: {}", crate::objects::str::repr_str(text)));
    let trimmed = text.trim_matches(is_py_whitespace);
    if trimmed.is_empty() {
        return Err(invalid());
    }
    let bytes = trimmed.as_bytes();
    let mut cleaned = String::with_capacity(trimmed.len());
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let before = i > 0 && bytes[i - 1].is_ascii_digit();
            let after = bytes.get(i + 1).is_some_and(|c| c.is_ascii_digit());
            if !(before && after) {
                return Err(invalid());
            }
            continue;
        }
        if !b.is_ascii() {
            return Err(invalid());
        }
        cleaned.push(b as char);
    }
    let unsigned = cleaned.trim_start_matches(['+', '-']);
    if cleaned.len() - unsigned.len() > 1 {
        return Err(invalid());
    }
    let lower = unsigned.to_ascii_lowercase();
    let negative = cleaned.starts_with('-');
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Ok(if negative { -v } else { v });
    }
    // Rust accepts only digits, '.', exponent here once the words are excluded.
    if !lower.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'+' | b'-')) {
        return Err(invalid());
    }
    cleaned.parse::<f64>().map_err(|_| invalid())
}

/// `x.as_integer_ratio()` as exact BigInts (lowest terms, positive denominator).
pub fn as_integer_ratio(x: f64) -> PyResult<(BigInt, BigInt)> {
    if x.is_nan() {
        return Err(PyErr::value_error("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(PyErr::overflow("cannot convert Infinity to integer ratio"));
    }
    let (mut mantissa, mut exponent) = decompose(x);
    if mantissa == 0 {
        return Ok((BigInt::zero(), BigInt::one()));
    }
    let trailing = mantissa.trailing_zeros() as i64;
    mantissa >>= trailing;
    exponent += trailing;
    let mut numerator = BigInt::from(mantissa);
    let mut denominator = BigInt::one();
    if exponent >= 0 {
        numerator <<= exponent as usize;
    } else {
        denominator <<= (-exponent) as usize;
    }
    if x < 0.0 {
        numerator = -numerator;
    }
    Ok((numerator, denominator))
}

/// `x.hex()`: `0x1.8000000000000p+0`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (lead, exponent) = if biased == 0 { (0, -1022) } else { (1, biased - 1023) };
    let exp_sign = if exponent < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{fraction:013x}p{exp_sign}{}", exponent.unsigned_abs())
}

fn self_float(args: &CallArgs<'_>, method: &str) -> PyResult<f64> {
    let pos = args.positional();
    let this = match pos.first() {
        Some(Value::Float(f)) => *f,
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "descriptor '{method}' for 'float' objects doesn't apply to a '{}' object",
                other.type_id().name()
            )))
        }
        None => return Err(PyErr::type_error(format!("descriptor '{method}' of 'float' object needs an argument"))),
    };
    crate::builtins::args::no_kwargs(method, args)?;
    if pos.len() != 1 {
        return Err(PyErr::type_error(format!("float.{method}() takes no arguments ({} given)", pos.len() - 1)));
    }
    Ok(this.get())
}

fn float_is_integer(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = self_float(&args, "is_integer")?;
    Ok(Value::bool(x.is_finite() && x.trunc() == x))
}

fn float_as_integer_ratio_method(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = self_float(&args, "as_integer_ratio")?;
    let (n, d) = as_integer_ratio(x)?;
    Ok(Value::tuple(vec![Value::from_bigint(n), Value::from_bigint(d)]))
}

fn float_hex_method(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = self_float(&args, "hex")?;
    Ok(Value::string(float_hex(x)))
}

fn float_conjugate(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::float(self_float(&args, "conjugate")?))
}

fn float_trunc(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::int::float_to_int(self_float(&args, "__trunc__")?)
}

fn float_floor(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::int::float_to_int(self_float(&args, "__floor__")?.floor())
}

fn float_ceil(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::int::float_to_int(self_float(&args, "__ceil__")?.ceil())
}

/// Methods of `float`.
pub const METHODS: MethodTable = &[
    ("is_integer", float_is_integer),
    ("as_integer_ratio", float_as_integer_ratio_method),
    ("hex", float_hex_method),
    ("conjugate", float_conjugate),
    ("__trunc__", float_trunc),
    ("__int__", float_trunc),
    ("__floor__", float_floor),
    ("__ceil__", float_ceil),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        // Expected strings checked with python3.11.
        let table: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (100.0, "100.0"),
            (0.1, "0.1"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (1e22, "1e+22"),
            (1e-7, "1e-07"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-2.5, "-2.5"),
            (1234.5678, "1234.5678"),
            (9999999999999998.0, "9999999999999998.0"),
            (1e100, "1e+100"),
            (-927655684039411.25, "-927655684039411.2"),
            (178902153563195.125, "178902153563195.12"),
        ];
        for &(x, want) in table {
            assert_eq!(float_repr(x), want, "{x:e}");
        }
    }

    #[test]
    fn hash_matches_cpython() {
        assert_eq!(hash_f64(1.5), 1152921504606846977);
        assert_eq!(hash_f64(-0.5), -1152921504606846976);
        assert_eq!(hash_f64(-2.5), -1152921504606846978);
        assert_eq!(hash_f64(2.0), 2);
        assert_eq!(hash_f64(-1.0), -2);
        assert_eq!(hash_f64(0.1), 230584300921369408);
        assert_eq!(hash_f64(1e100), 1822893315824342674);
        assert_eq!(hash_f64(1e-300), 482449582752280463);
        assert_eq!(hash_f64(f64::INFINITY), 314159);
        assert_eq!(hash_f64(f64::NEG_INFINITY), -314159);
        assert_eq!(hash_f64(2f64.powi(61)), 1);
    }

    #[test]
    fn parses_floats_like_python() {
        assert_eq!(parse_float(" 1.5 ").ok(), Some(1.5));
        assert_eq!(parse_float("1_000.5").ok(), Some(1000.5));
        assert_eq!(parse_float("-inf").ok(), Some(f64::NEG_INFINITY));
        assert_eq!(parse_float("Infinity").ok(), Some(f64::INFINITY));
        assert!(parse_float("nan").is_ok_and(|x| x.is_nan()));
        assert_eq!(parse_float(".5").ok(), Some(0.5));
        assert_eq!(parse_float("5.").ok(), Some(5.0));
        assert_eq!(parse_float("1e5").ok(), Some(1e5));
        for bad in ["", "x", "1__0", "_1", "1_", "--1", "1e", "0x10", "in f", "1.5.2"] {
            assert!(parse_float(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ratio_and_hex() {
        let (n, d) = as_integer_ratio(0.75).unwrap_or_default();
        assert_eq!((n.to_string(), d.to_string()), ("3".into(), "4".into()));
        let (n, d) = as_integer_ratio(-8.0).unwrap_or_default();
        assert_eq!((n.to_string(), d.to_string()), ("-8".into(), "1".into()));
        assert_eq!(float_hex(1.5), "0x1.8000000000000p+0");
        assert_eq!(float_hex(-0.0), "-0x0.0p+0");
        assert_eq!(float_hex(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(float_hex(1024.0), "0x1.0000000000000p+10");
    }
}
