//! The `math` module: constants, the libm functions with CPython's domain/range error rules,
//! exact integer functions (gcd, lcm, isqrt, comb, perm, factorial), exact `fsum`, the
//! accurate `hypot`/`dist`, and CPython's Lanczos `gamma`/`lgamma`.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::{Integer, Roots};
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::builtins::args::{exactly_one, no_kwargs, parse, positional_count, Signature};
use crate::bytecode::opcodes::BinaryOp;
use crate::error::{PyErr, PyResult};
use crate::objects::types::type_of;
use crate::objects::{int, number};
use crate::ops;
use crate::value::{CallArgs, PyModule, Value};
use crate::vm::Vm;

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("math");
    m.add("pi", Value::float(std::f64::consts::PI));
    m.add("e", Value::float(std::f64::consts::E));
    m.add("tau", Value::float(std::f64::consts::TAU));
    m.add("inf", Value::float(f64::INFINITY));
    m.add("nan", Value::float(f64::NAN));
    let functions: &[(&'static str, crate::value::NativeFn)] = &[
        ("sqrt", sqrt),
        ("exp", exp),
        ("exp2", exp2),
        ("expm1", expm1),
        ("cbrt", cbrt),
        ("log", log),
        ("log2", log2),
        ("log10", log10),
        ("log1p", log1p),
        ("pow", pow),
        ("sin", sin),
        ("cos", cos),
        ("tan", tan),
        ("asin", asin),
        ("acos", acos),
        ("atan", atan),
        ("atan2", atan2),
        ("sinh", sinh),
        ("cosh", cosh),
        ("tanh", tanh),
        ("asinh", asinh),
        ("acosh", acosh),
        ("atanh", atanh),
        ("erf", erf),
        ("erfc", erfc),
        ("gamma", gamma),
        ("lgamma", lgamma),
        ("floor", floor),
        ("ceil", ceil),
        ("trunc", trunc),
        ("fabs", fabs),
        ("fmod", fmod),
        ("modf", modf),
        ("frexp", frexp),
        ("ldexp", ldexp),
        ("copysign", copysign),
        ("hypot", hypot),
        ("dist", dist),
        ("degrees", degrees),
        ("radians", radians),
        ("isclose", isclose),
        ("isfinite", isfinite),
        ("isinf", isinf),
        ("isnan", isnan),
        ("factorial", factorial),
        ("gcd", gcd),
        ("lcm", lcm),
        ("comb", comb),
        ("perm", perm),
        ("isqrt", isqrt),
        ("prod", prod),
        ("fsum", fsum),
        ("remainder", remainder),
        ("nextafter", nextafter),
        ("ulp", ulp),
    ];
    for &(name, func) in functions {
        m.add_function(name, func);
    }
    Ok(m)
}

// ---------------------------------------------------------------------------------------------
// Argument conversion and errors (shared with the other numeric modules).

/// The Python-visible type name of `v` (user classes included).
pub(crate) fn type_name_of(v: &Value) -> String {
    type_of(v).name.to_string()
}

/// `float(v)` the way C functions taking a double convert: ints and floats (and user objects
/// with `__float__`/`__index__`), else "must be real number, not T".
pub(crate) fn real_vm(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Some(r) = number::to_f64(v) {
        return r;
    }
    if matches!(v, Value::Object(_)) {
        for dunder in ["__float__", "__index__"] {
            if let Some(method) = ops::lookup_method(v, dunder) {
                let result = vm.call(&method, std::slice::from_ref(v))?;
                if let Some(r) = number::to_f64(&result) {
                    return r;
                }
            }
        }
    }
    Err(PyErr::type_error(format!("must be real number, not {}", type_name_of(v))))
}

/// `operator.index(v)` as a Python int (Int or BigInt), with `__index__` for user objects.
pub(crate) fn index_vm(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Ok(i) = int::index_value(v) {
        return Ok(i);
    }
    if matches!(v, Value::Object(_)) {
        if let Some(method) = ops::lookup_method(v, "__index__") {
            let result = vm.call(&method, std::slice::from_ref(v))?;
            if int::is_int(&result) {
                return int::index_value(&result);
            }
            return Err(PyErr::type_error(format!(
                "__index__ returned non-int (type {})",
                type_name_of(&result)
            )));
        }
    }
    Err(PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", type_name_of(v))))
}

fn domain_error() -> PyErr {
    PyErr::value_error("math domain error")
}

fn range_error() -> PyErr {
    PyErr::overflow("math range error")
}

fn one_real(vm: &mut Vm, name: &str, args: &CallArgs<'_>) -> PyResult<f64> {
    let v = exactly_one(name, args)?;
    real_vm(vm, v)
}

fn two_reals(vm: &mut Vm, name: &str, args: &CallArgs<'_>) -> PyResult<(f64, f64)> {
    no_kwargs(name, args)?;
    let pos = positional_count(name, args, 2, 2)?;
    Ok((real_vm(vm, &pos[0])?, real_vm(vm, &pos[1])?))
}

/// Apply a libm function with CPython's checks: a nan from a non-nan argument is a domain
/// error; an infinity from a finite argument is a range error (OverflowError) for functions
/// that can overflow, a domain error otherwise.
fn checked(x: f64, r: f64, can_overflow: bool) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range_error() } else { domain_error() });
    }
    Ok(Value::float(r))
}

macro_rules! libm_function {
    ($name:ident, $qualified:expr, $f:expr, $can_overflow:expr) => {
        fn $name(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
            let x = one_real(vm, $qualified, &args)?;
            let f: fn(f64) -> f64 = $f;
            checked(x, f(x), $can_overflow)
        }
    };
}

libm_function!(exp, "math.exp", f64::exp, true);
libm_function!(exp2, "math.exp2", f64::exp2, true);
libm_function!(expm1, "math.expm1", f64::exp_m1, true);
libm_function!(cbrt, "math.cbrt", libm_cbrt, false);
libm_function!(log1p, "math.log1p", f64::ln_1p, false);
libm_function!(sin, "math.sin", f64::sin, false);
libm_function!(cos, "math.cos", f64::cos, false);
libm_function!(tan, "math.tan", f64::tan, false);
libm_function!(asin, "math.asin", f64::asin, false);
libm_function!(acos, "math.acos", f64::acos, false);
libm_function!(atan, "math.atan", f64::atan, false);
libm_function!(sinh, "math.sinh", f64::sinh, true);
libm_function!(cosh, "math.cosh", f64::cosh, true);
libm_function!(tanh, "math.tanh", f64::tanh, false);
libm_function!(asinh, "math.asinh", f64::asinh, false);
libm_function!(acosh, "math.acosh", f64::acosh, false);
libm_function!(atanh, "math.atanh", f64::atanh, false);
libm_function!(fabs, "math.fabs", f64::abs, false);
libm_function!(erf, "math.erf", libm_erf, false);
libm_function!(erfc, "math.erfc", libm_erfc, false);

fn sqrt(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = one_real(vm, "math.sqrt", &args)?;
    if x < 0.0 {
        return Err(domain_error());
    }
    Ok(Value::float(x.sqrt()))
}

mod c_math {
    extern "C" {
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        /// glibc's `cbrt` under its `_Float64` alias: the plain name is shadowed by the copy
        /// compiler-builtins links in, which rounds differently.
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        #[link_name = "cbrtf64"]
        pub fn glibc_cbrt(x: f64) -> f64;
    }
}

/// The C library's `cbrt`, the one CPython calls.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn libm_cbrt(x: f64) -> f64 {
    // SAFETY: as for `libm_erf`: a pure libm function of one double.
    unsafe { c_math::glibc_cbrt(x) }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn libm_cbrt(x: f64) -> f64 {
    x.cbrt()
}

/// The C library's `erf` (CPython 3.11 calls the platform's too, so results agree bit for bit).
fn libm_erf(x: f64) -> f64 {
    // SAFETY: `erf` from the C math library (linked by std on every supported platform) is a
    // pure function of one double with no preconditions.
    unsafe { c_math::erf(x) }
}

/// The C library's `erfc`.
fn libm_erfc(x: f64) -> f64 {
    // SAFETY: as for `libm_erf`: a pure libm function of one double.
    unsafe { c_math::erfc(x) }
}

fn degrees(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = one_real(vm, "math.degrees", &args)?;
    Ok(Value::float(x * (180.0 / std::f64::consts::PI)))
}

fn radians(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = one_real(vm, "math.radians", &args)?;
    Ok(Value::float(x * (std::f64::consts::PI / 180.0)))
}

fn isfinite(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::bool(one_real(vm, "math.isfinite", &args)?.is_finite()))
}

fn isinf(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::bool(one_real(vm, "math.isinf", &args)?.is_infinite()))
}

fn isnan(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::bool(one_real(vm, "math.isnan", &args)?.is_nan()))
}

// ---------------------------------------------------------------------------------------------
// Logarithms: ints of any size.

/// `func(v)` for an int or float; big ints too large for a float use `m * 2**e`.
fn log_of(vm: &mut Vm, v: &Value, func: fn(f64) -> f64) -> PyResult<f64> {
    if int::is_int(v) {
        if int::sign_of(v) <= 0 {
            return Err(domain_error());
        }
        if let Value::BigInt(b) = v {
            if int::bigint_to_f64(b).is_err() {
                let bits = b.bits() as i64;
                let m = int::scaled_to_f64(b, -bits, false).unwrap_or(0.5);
                return Ok(func(m) + func(2.0) * bits as f64);
            }
        }
    }
    let x = real_vm(vm, v)?;
    let r = func(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(domain_error());
    }
    Ok(r)
}

fn log(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("log", &args)?;
    let pos = args.positional();
    if pos.is_empty() || pos.len() > 2 {
        return Err(PyErr::type_error("math.log requires 1 to 2 arguments"));
    }
    let num = log_of(vm, &pos[0], f64::ln)?;
    if pos.len() == 1 {
        return Ok(Value::float(num));
    }
    let den = log_of(vm, &pos[1], f64::ln)?;
    if den == 0.0 {
        return Err(PyErr::zero_division("float division by zero"));
    }
    Ok(Value::float(num / den))
}

fn log2(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("math.log2", &args)?;
    Ok(Value::float(log_of(vm, v, f64::log2)?))
}

fn log10(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("math.log10", &args)?;
    Ok(Value::float(log_of(vm, v, f64::log10)?))
}

// ---------------------------------------------------------------------------------------------
// Two-argument float functions.

fn pow(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let (x, y) = two_reals(vm, "pow", &args)?;
    Ok(Value::float(float_pow(x, y)?))
}

/// C99 `pow` semantics with CPython's errors: domain errors for 0**negative and
/// negative**fraction, OverflowError when a finite pair overflows.
fn float_pow(x: f64, y: f64) -> PyResult<f64> {
    if !x.is_finite() || !y.is_finite() {
        // The special values follow C99 Annex F, which Rust's powf implements.
        return Ok(x.powf(y));
    }
    if x == 0.0 && y < 0.0 {
        return Err(domain_error());
    }
    if x < 0.0 && y.trunc() != y {
        return Err(domain_error());
    }
    let r = x.powf(y);
    if r.is_infinite() {
        return Err(range_error());
    }
    Ok(r)
}

fn atan2(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let (y, x) = two_reals(vm, "atan2", &args)?;
    Ok(Value::float(y.atan2(x)))
}

fn copysign(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let (x, y) = two_reals(vm, "copysign", &args)?;
    Ok(Value::float(x.copysign(y)))
}

fn fmod(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let (x, y) = two_reals(vm, "fmod", &args)?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    Ok(Value::float(r))
}

fn remainder(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let (x, y) = two_reals(vm, "remainder", &args)?;
    if x.is_nan() {
        return Ok(Value::float(x));
    }
    if y.is_nan() {
        return Ok(Value::float(y));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain_error());
    }
    if y.is_infinite() {
        return Ok(Value::float(x));
    }
    Ok(Value::float(ieee_remainder(x, y)))
}

/// IEEE 754 remainder: `x - n*y` with `n` the integer nearest `x/y` (ties to even), exact.
fn ieee_remainder(x: f64, y: f64) -> f64 {
    let absx = x.abs();
    let absy = y.abs();
    let m = absx % absy;
    let c = absy - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        // Half-way: pick the even multiple. m == c here, so m == absy / 2 exactly.
        m - 2.0 * ((0.5 * (absx - m)) % absy)
    };
    1.0f64.copysign(x) * r
}

fn nextafter(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let (x, y) = two_reals(vm, "nextafter", &args)?;
    Ok(Value::float(next_after(x, y)))
}

/// The next float after `x` toward `y`.
fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        let tiny = f64::from_bits(1);
        return if y > 0.0 { tiny } else { -tiny };
    }
    let bits = x.to_bits();
    let away_from_zero = (y > x) == (x > 0.0);
    f64::from_bits(if away_from_zero { bits + 1 } else { bits - 1 })
}

fn ulp(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = one_real(vm, "math.ulp", &args)?;
    if x.is_nan() {
        return Ok(Value::float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::float(x));
    }
    let next = next_after(x, f64::INFINITY);
    if next.is_infinite() {
        let previous = next_after(x, 0.0);
        return Ok(Value::float(x - previous));
    }
    Ok(Value::float(next - x))
}

fn isclose(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    if pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            pos.len()
        )));
    }
    let sig = Signature { name: "isclose", params: &["a", "b", "rel_tol", "abs_tol"], positional: 2, required: 2, positional_only: 0 };
    let [a, b, rel_tol, abs_tol] = parse::<4>(&args, &sig)?;
    let a = real_vm(vm, a.unwrap_or(&Value::None))?;
    let b = real_vm(vm, b.unwrap_or(&Value::None))?;
    let rel_tol = match rel_tol {
        Some(v) => real_vm(vm, v)?,
        None => 1e-9,
    };
    let abs_tol = match abs_tol {
        Some(v) => real_vm(vm, v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(PyErr::value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::bool((diff <= (rel_tol * b).abs()) || (diff <= (rel_tol * a).abs()) || diff <= abs_tol))
}

// ---------------------------------------------------------------------------------------------
// Float decomposition.

/// `(m, e)` with `x == m * 2**e` and `0.5 <= |m| < 1` (zero, inf and nan come back as is).
pub(crate) fn frexp_f64(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, bias) = if x.abs() < f64::MIN_POSITIVE { (x * 2f64.powi(64), -64) } else { (x, 0) };
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32 - 1022;
    let mantissa = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (mantissa, exponent + bias)
}

fn frexp(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = one_real(vm, "math.frexp", &args)?;
    let (m, e) = frexp_f64(x);
    Ok(Value::tuple(vec![Value::float(m), Value::Int(e as i64)]))
}

/// `x * 2**exp`, correctly rounded (one rounding, even into the subnormal range).
pub(crate) fn ldexp_f64(x: f64, exp: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let (m, e) = frexp_f64(x);
    let target = e as i64 + exp;
    if target > 1024 {
        return f64::INFINITY.copysign(x);
    }
    if target < -1080 {
        return 0.0f64.copysign(x);
    }
    if target >= -1021 {
        // Normal result: exact.
        return m * 2f64.powi(target as i32 - 1) * 2.0;
    }
    // Subnormal result: an exact scaling that stays normal, then one rounding multiplication
    // by a power of two (target + 1000 >= -80, so that factor is representable).
    let scaled = m * 2f64.powi(-1000);
    scaled * 2f64.powi((target + 1000) as i32)
}

fn ldexp(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("ldexp", &args)?;
    let pos = positional_count("ldexp", &args, 2, 2)?;
    let x = real_vm(vm, &pos[0])?;
    let exp = match &pos[1] {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => {
            if b.is_negative() {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        _ => return Err(PyErr::type_error("Expected an int as second argument to ldexp.")),
    };
    let r = ldexp_f64(x, exp);
    if r.is_infinite() && x.is_finite() {
        return Err(range_error());
    }
    Ok(Value::float(r))
}

fn modf(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = one_real(vm, "math.modf", &args)?;
    if x.is_infinite() {
        return Ok(Value::tuple(vec![Value::float(0.0f64.copysign(x)), Value::float(x)]));
    }
    if x.is_nan() {
        return Ok(Value::tuple(vec![Value::float(x), Value::float(x)]));
    }
    let whole = x.trunc();
    Ok(Value::tuple(vec![Value::float((x - whole).copysign(x)), Value::float(whole)]))
}

// ---------------------------------------------------------------------------------------------
// floor, ceil, trunc: ints out.

fn rounding(vm: &mut Vm, name: &str, dunder: &str, args: &CallArgs<'_>, round: fn(f64) -> f64) -> PyResult<Value> {
    let v = exactly_one(name, args)?;
    match v {
        Value::Int(_) | Value::BigInt(_) => return Ok(v.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Float(f) => return int::float_to_int(round(f.get())),
        _ => {}
    }
    if let Some(method) = ops::lookup_method(v, dunder) {
        return vm.call(&method, std::slice::from_ref(v));
    }
    if dunder == "__trunc__" {
        return Err(PyErr::type_error(format!("type {} doesn't define __trunc__ method", type_name_of(v))));
    }
    let x = real_vm(vm, v)?;
    int::float_to_int(round(x))
}

fn floor(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    rounding(vm, "math.floor", "__floor__", &args, f64::floor)
}

fn ceil(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    rounding(vm, "math.ceil", "__ceil__", &args, f64::ceil)
}

fn trunc(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    rounding(vm, "math.trunc", "__trunc__", &args, f64::trunc)
}

// ---------------------------------------------------------------------------------------------
// hypot and dist: CPython's accurate vector norm.

/// `hi + lo` exactly equal to `a + b` (requires |a| >= |b|).
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    let z = x - a;
    (x, b - z)
}

/// Veltkamp split of `x` into two 26-bit halves.
fn split(x: f64) -> (f64, f64) {
    let t = x * 134217729.0;
    let hi = t - (t - x);
    (hi, x - hi)
}

/// `hi + lo` exactly equal to `x * y` (Dekker).
fn two_product(x: f64, y: f64) -> (f64, f64) {
    let (xh, xl) = split(x);
    let (yh, yl) = split(y);
    let p = xh * yh;
    let q = xh * yl + xl * yh;
    let z = p + q;
    let zz = p - z + q + xl * yl;
    (z, zz)
}

/// The Euclidean norm of `vec` (absolute values, `max` their maximum), correctly rounded in
/// nearly all cases: scaled by a power of two, squares summed with their error terms, then one
/// Newton correction of the square root.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp_f64(max);
    if max_e < -1023 {
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp_f64(1.0, -(max_e as i64));
    let mut csum = 1.0;
    let mut frac1 = 0.0;
    let mut frac2 = 0.0;
    for &x in vec.iter() {
        let x = x * scale;
        let (square_hi, square_lo) = two_product(x, x);
        let (sum_hi, sum_lo) = fast_two_sum(csum, square_hi);
        csum = sum_hi;
        frac1 += square_lo;
        frac2 += sum_lo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (square_hi, square_lo) = two_product(-h, h);
    let (sum_hi, sum_lo) = fast_two_sum(csum, square_hi);
    csum = sum_hi;
    frac1 += square_lo;
    frac2 += sum_lo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

fn hypot(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("hypot", &args)?;
    let mut coords = Vec::with_capacity(args.args.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for v in args.positional() {
        let x = real_vm(vm, v)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        coords.push(x);
    }
    Ok(Value::float(vector_norm(&mut coords, max, found_nan)))
}

fn dist(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("dist", &args)?;
    let pos = positional_count("dist", &args, 2, 2)?;
    let p = ops::collect(vm, &pos[0])?;
    let q = ops::collect(vm, &pos[1])?;
    if p.len() != q.len() {
        return Err(PyErr::value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for (a, b) in p.iter().zip(q.iter()) {
        let x = (real_vm(vm, a)? - real_vm(vm, b)?).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        diffs.push(x);
    }
    Ok(Value::float(vector_norm(&mut diffs, max, found_nan)))
}

// ---------------------------------------------------------------------------------------------
// fsum: exact summation with a list of non-overlapping partials (Shewchuk), rounded once.

/// The correctly rounded sum of `values`; errors like CPython's `math.fsum`.
pub(crate) fn exact_sum(values: impl Iterator<Item = PyResult<f64>>) -> PyResult<f64> {
    let mut partials: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    for item in values {
        let original = item?;
        let mut x = original;
        let mut kept = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        partials.truncate(kept);
        if x != 0.0 {
            if !x.is_finite() {
                if original.is_finite() {
                    return Err(PyErr::overflow("intermediate overflow in fsum"));
                }
                if original.is_infinite() {
                    inf_sum += original;
                }
                special_sum += original;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(PyErr::value_error("-inf + inf in fsum"));
        }
        return Ok(special_sum);
    }
    let mut n = partials.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even correctly when the remaining partials push past a tie.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

fn fsum(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let iterable = exactly_one("math.fsum", &args)?;
    let it = ops::get_iter(vm, iterable)?;
    let mut values = Vec::new();
    while let Some(v) = ops::next(vm, &it)? {
        values.push(real_vm(vm, &v)?);
    }
    Ok(Value::float(exact_sum(values.into_iter().map(Ok))?))
}

fn prod(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    if pos.len() != 1 {
        return Err(PyErr::type_error(format!("prod() takes exactly 1 positional argument ({} given)", pos.len())));
    }
    let mut start = Value::Int(1);
    for (name, value) in args.keywords() {
        if name == "start" {
            start = value.clone();
        } else {
            return Err(PyErr::type_error(format!("prod() got an unexpected keyword argument '{name}'")));
        }
    }
    let it = ops::get_iter(vm, &pos[0])?;
    let mut acc = start;
    while let Some(v) = ops::next(vm, &it)? {
        acc = ops::binary_op(vm, BinaryOp::Mul, false, &acc, &v)?;
    }
    Ok(acc)
}

// ---------------------------------------------------------------------------------------------
// Integer functions.

fn to_big(v: &Value) -> BigInt {
    int::to_bigint(v).unwrap_or_default()
}

fn gcd(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("gcd", &args)?;
    let mut acc: Option<Value> = None;
    for v in args.positional() {
        let v = index_vm(vm, v)?;
        acc = Some(match acc {
            None => abs_int(&v),
            Some(a) => int_gcd(&a, &v),
        });
    }
    Ok(acc.unwrap_or(Value::Int(0)))
}

fn abs_int(v: &Value) -> Value {
    match v {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        _ => Value::from_bigint(to_big(v).abs()),
    }
}

fn int_gcd(a: &Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) if *x != i64::MIN && *y != i64::MIN => Value::Int(x.abs().gcd(&y.abs())),
        _ => Value::from_bigint(to_big(a).gcd(&to_big(b))),
    }
}

fn lcm(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("lcm", &args)?;
    let mut acc = BigInt::one();
    let mut first = true;
    for v in args.positional() {
        let v = to_big(&index_vm(vm, v)?);
        if first {
            acc = v.abs();
            first = false;
            continue;
        }
        if acc.is_zero() || v.is_zero() {
            acc = BigInt::zero();
            continue;
        }
        acc = acc.lcm(&v).abs();
    }
    Ok(Value::from_bigint(acc))
}

fn isqrt(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("math.isqrt", &args)?;
    let n = index_vm(vm, v)?;
    if int::sign_of(&n) < 0 {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    Ok(match n {
        Value::Int(i) => Value::Int((i as u64).sqrt() as i64),
        other => Value::from_bigint(to_big(&other).sqrt()),
    })
}

/// The product of the integers in `lo..=hi` by binary splitting (fast for big products).
fn range_product(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        let mut acc = BigInt::from(lo);
        for k in lo + 1..=hi {
            acc *= k;
        }
        return acc;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid + 1, hi)
}

fn factorial(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("math.factorial", &args)?;
    let n = index_vm(vm, v)?;
    let n = match n {
        Value::Int(i) => i,
        _ => {
            if int::sign_of(&n) < 0 {
                return Err(PyErr::value_error("factorial() not defined for negative values"));
            }
            return Err(PyErr::overflow("factorial() argument should not exceed 9223372036854775807"));
        }
    };
    if n < 0 {
        return Err(PyErr::value_error("factorial() not defined for negative values"));
    }
    if n > 1_000_000 {
        return Err(PyErr::memory_error());
    }
    Ok(Value::from_bigint(range_product(1, n as u64)))
}

fn comb_perm_args(vm: &mut Vm, n: &Value, k: &Value) -> PyResult<(Value, Value)> {
    let n = index_vm(vm, n)?;
    let k = index_vm(vm, k)?;
    if int::sign_of(&n) < 0 {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    if int::sign_of(&k) < 0 {
        return Err(PyErr::value_error("k must be a non-negative integer"));
    }
    Ok((n, k))
}

/// n * (n-1) * ... * (n-k+1), for k no larger than n.
fn falling_product(n: &BigInt, k: u64) -> BigInt {
    if k == 0 {
        return BigInt::one();
    }
    if let Some(small) = n.to_u64() {
        return range_product(small - (k - 1), small);
    }
    let mut acc = BigInt::one();
    let mut factor = n.clone();
    for _ in 0..k {
        acc *= &factor;
        factor -= 1u32;
    }
    acc
}

fn comb(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("comb", &args)?;
    let pos = positional_count("comb", &args, 2, 2)?;
    let (n, k) = comb_perm_args(vm, &pos[0], &pos[1])?;
    let n = to_big(&n);
    let k = to_big(&k);
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let Some(k) = k.to_u64() else {
        return Err(PyErr::overflow(format!("min(n - k, k) must not exceed {}", i64::MAX)));
    };
    if k > 10_000_000 {
        return Err(PyErr::memory_error());
    }
    // Multiplicative formula: every intermediate value is itself a binomial coefficient.
    if let Some(small_n) = n.to_u64() {
        let mut acc: u128 = 1;
        let mut fits = true;
        for i in 0..k {
            match acc.checked_mul((small_n - i) as u128) {
                Some(p) => acc = p / (i as u128 + 1),
                None => {
                    fits = false;
                    break;
                }
            }
        }
        if fits {
            return Ok(Value::from_bigint(BigInt::from(acc)));
        }
    }
    Ok(Value::from_bigint(falling_product(&n, k) / range_product(1, k)))
}

fn perm(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("perm", &args)?;
    let pos = positional_count("perm", &args, 1, 2)?;
    if pos.len() == 1 || matches!(pos[1], Value::None) {
        return factorial(vm, CallArgs::new(&pos[..1]));
    }
    let (n, k) = comb_perm_args(vm, &pos[0], &pos[1])?;
    let n = to_big(&n);
    let k = to_big(&k);
    if k > n {
        return Ok(Value::Int(0));
    }
    let Some(k) = k.to_u64() else {
        return Err(PyErr::overflow(format!("k must not exceed {}", i64::MAX)));
    };
    if k > 10_000_000 {
        return Err(PyErr::memory_error());
    }
    Ok(Value::from_bigint(falling_product(&n, k)))
}

// ---------------------------------------------------------------------------------------------
// gamma and lgamma: the Lanczos approximation (g = 6.024680040776729583740234375, 13 terms)
// that CPython uses, so results agree bit for bit.

const LANCZOS_G: f64 = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

/// (n-1)! for n = 1..=23, exactly representable.
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];

fn lanczos_sum(x: f64) -> f64 {
    let mut num = 0.0;
    let mut den = 0.0;
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// sin(pi * x), accurate for large x (reduces the argument exactly first).
fn sin_pi(x: f64) -> f64 {
    use std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

enum MathFailure {
    Domain,
    Range,
}

fn tgamma(x: f64) -> Result<f64, MathFailure> {
    use std::f64::consts::PI;
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return Ok(x);
        }
        return Err(MathFailure::Domain);
    }
    if x == 0.0 {
        return Err(MathFailure::Domain);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(MathFailure::Domain);
        }
        if x <= 23.0 {
            return Ok(GAMMA_INTEGRAL[x as usize - 1]);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() { Err(MathFailure::Range) } else { Ok(r) };
    }
    if absx > 200.0 {
        if x < 0.0 {
            return Ok(0.0 / sin_pi(x));
        }
        return Err(MathFailure::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let mut z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    z = z * LANCZOS_G / y;
    let r = if x < 0.0 {
        let mut r = -PI / sin_pi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
        r
    } else {
        let mut r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
        r
    };
    if r.is_infinite() {
        return Err(MathFailure::Range);
    }
    Ok(r)
}

fn lgamma_f64(x: f64) -> Result<f64, MathFailure> {
    const LOG_PI: f64 = 1.144729885849400174143427351353058711647;
    if !x.is_finite() {
        if x.is_nan() {
            return Ok(x);
        }
        return Ok(f64::INFINITY);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return Err(MathFailure::Domain);
        }
        return Ok(0.0);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOG_PI - sin_pi(absx).abs().ln() - absx.ln() - r;
    }
    if r.is_infinite() {
        return Err(MathFailure::Range);
    }
    Ok(r)
}

fn gamma_result(r: Result<f64, MathFailure>) -> PyResult<Value> {
    match r {
        Ok(v) => Ok(Value::float(v)),
        Err(MathFailure::Domain) => Err(domain_error()),
        Err(MathFailure::Range) => Err(range_error()),
    }
}

fn gamma(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = one_real(vm, "math.gamma", &args)?;
    gamma_result(tgamma(x))
}

fn lgamma(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = one_real(vm, "math.lgamma", &args)?;
    gamma_result(lgamma_f64(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_and_ldexp_round_trip() {
        assert_eq!(frexp_f64(8.0), (0.5, 4));
        assert_eq!(frexp_f64(5e-324), (0.5, -1073));
        assert_eq!(ldexp_f64(0.5, -1073), 5e-324);
        assert_eq!(ldexp_f64(1.0, 1024), f64::INFINITY);
        assert_eq!(ldexp_f64(3.0, -1075), 1e-323);
    }

    #[test]
    fn fsum_is_exact() {
        let values = [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50];
        assert_eq!(exact_sum(values.iter().map(|&v| Ok(v))).ok(), Some(1e-100));
        let tenths = std::iter::repeat(0.1).take(10).map(Ok);
        assert_eq!(exact_sum(tenths).ok(), Some(1.0));
    }

    #[test]
    fn remainder_and_gamma() {
        assert_eq!(ieee_remainder(10.0, 3.0), 1.0);
        assert_eq!(ieee_remainder(5.0, 2.0), 1.0);
        assert_eq!(ieee_remainder(-5.0, 2.0), -1.0);
        assert_eq!(ieee_remainder(7.0, 2.0), -1.0);
        assert_eq!(tgamma(5.0).ok(), Some(24.0));
        assert_eq!(lgamma_f64(1.0).ok(), Some(0.0));
    }
}
