//! The format-spec mini-language (`format(v, spec)`, f-string `{v:spec}`) for builtin types:
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`, with CPython 3.11's
//! layouts and error messages for int, bool, float and str; other values accept only the
//! empty spec.

use num_traits::{Signed, ToPrimitive};

use crate::error::{PyErr, PyResult};
use crate::objects::float::{exponent_suffix, fixed_from_digits, rounded_digits, shortest_digits, SciDigits};
use crate::objects::int;
use crate::value::Value;
use crate::vm::Vm;

/// Widths and precisions beyond this raise MemoryError instead of building huge strings.
const MAX_FORMAT_WIDTH: usize = 1 << 28;

/// A parsed format spec.
#[derive(Debug, Clone, PartialEq)]
pub struct FormatSpec {
    pub fill: char,
    pub align: Option<char>,
    pub sign: Option<char>,
    /// `z`: show negative zero (after rounding) without its sign.
    pub no_negative_zero: bool,
    /// `#`
    pub alternate: bool,
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub kind: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

fn take_number(chars: &[char], pos: &mut usize) -> PyResult<Option<usize>> {
    let start = *pos;
    let mut value: usize = 0;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|v| *v <= isize::MAX as usize)
            .ok_or_else(|| PyErr::value_error("Too many decimal digits in format string"))?;
        *pos += 1;
    }
    Ok(if *pos == start { None } else { Some(value) })
}

/// Parse `spec`; `default_align` is `'>'` for numbers and `'<'` for strings (it decides what
/// the `0` flag means); `type_name` is for the "Invalid format specifier" message.
pub fn parse_spec(spec: &str, default_align: char, type_name: &str) -> PyResult<FormatSpec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut pos = 0;
    let mut out = FormatSpec {
        fill: ' ',
        align: None,
        sign: None,
        no_negative_zero: false,
        alternate: false,
        width: None,
        grouping: None,
        precision: None,
        kind: None,
    };
    let mut fill_given = false;
    if chars.len() >= 2 && is_align(chars[1]) {
        out.fill = chars[0];
        out.align = Some(chars[1]);
        fill_given = true;
        pos = 2;
    } else if chars.first().is_some_and(|&c| is_align(c)) {
        out.align = Some(chars[0]);
        pos = 1;
    }
    if let Some(&c) = chars.get(pos) {
        if matches!(c, '+' | '-' | ' ') {
            out.sign = Some(c);
            pos += 1;
        }
    }
    if chars.get(pos) == Some(&'z') {
        out.no_negative_zero = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        out.alternate = true;
        pos += 1;
    }
    if !fill_given && chars.get(pos) == Some(&'0') {
        out.fill = '0';
        if out.align.is_none() && default_align == '>' {
            out.align = Some('=');
        }
        pos += 1;
    }
    out.width = take_number(&chars, &mut pos)?;
    if chars.get(pos) == Some(&',') {
        out.grouping = Some(',');
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if out.grouping.is_some() {
            return Err(PyErr::value_error("Cannot specify both ',' and '_'."));
        }
        out.grouping = Some('_');
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && out.grouping == Some('_') {
        return Err(PyErr::value_error("Cannot specify both ',' and '_'."));
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        out.precision = take_number(&chars, &mut pos)?;
        if out.precision.is_none() {
            return Err(PyErr::value_error("Format specifier missing precision"));
        }
    }
    if chars.len() - pos > 1 {
        return Err(PyErr::value_error(format!("Invalid format specifier '{spec}' for object of type '{type_name}'")));
    }
    out.kind = chars.get(pos).copied();
    if let Some(sep) = out.grouping {
        match out.kind {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if sep == '_' => {}
            Some(k) => return Err(PyErr::value_error(format!("Cannot specify '{sep}' with {}.", code_text(k)))),
        }
    }
    if out.width.is_some_and(|w| w > MAX_FORMAT_WIDTH) || out.precision.is_some_and(|p| p > MAX_FORMAT_WIDTH) {
        return Err(PyErr::memory_error());
    }
    Ok(out)
}

/// A presentation type as CPython quotes it in messages: `'x'`, or `'\x1'` when unprintable.
fn code_text(k: char) -> String {
    if (k as u32) > 32 && (k as u32) < 128 {
        format!("'{k}'")
    } else {
        format!("'\\x{:x}'", k as u32)
    }
}

fn unknown_code(k: char, type_name: &str) -> PyErr {
    PyErr::value_error(format!("Unknown format code {} for object of type '{type_name}'", code_text(k)))
}

/// `format(value, spec)`.
pub fn format_value(vm: &mut Vm, value: &Value, spec: &str) -> PyResult<String> {
    match value {
        Value::Bool(_) if spec.is_empty() => crate::ops::to_str(vm, value),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => format_int(value, spec),
        Value::Float(f) => format_float(f.get(), spec, "float"),
        Value::Str(s) => format_str(s.as_str(), spec),
        Value::Object(_) | Value::Type(_) | Value::Exception(_) if crate::objects::dunder::is_dynamic(value) => {
            crate::objects::dunder::format(vm, value, spec)
        }
        _ if spec.is_empty() => crate::ops::to_str(vm, value),
        _ => Err(PyErr::type_error(format!(
            "unsupported format string passed to {}.__format__",
            crate::objects::types::type_of(value).name
        ))),
    }
}

/// Pad `body` (already complete) to the spec's width by its alignment.
fn align_text(body: String, body_chars: usize, spec: &FormatSpec, default_align: char) -> PyResult<String> {
    let width = spec.width.unwrap_or(0);
    if body_chars >= width {
        return Ok(body);
    }
    let padding = width - body_chars;
    let (left, right) = match spec.align.unwrap_or(default_align) {
        '<' => (0, padding),
        '^' => (padding / 2, padding - padding / 2),
        _ => (padding, 0),
    };
    let mut out = String::new();
    out.try_reserve(body.len() + padding * spec.fill.len_utf8()).map_err(|_| PyErr::memory_error())?;
    out.extend(std::iter::repeat_n(spec.fill, left));
    out.push_str(&body);
    out.extend(std::iter::repeat_n(spec.fill, right));
    Ok(out)
}

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(s.to_owned());
    }
    let spec = parse_spec(spec, '<', "str")?;
    match spec.kind {
        None | Some('s') => {}
        Some(k) => return Err(unknown_code(k, "str")),
    }
    if spec.sign.is_some() {
        return Err(PyErr::value_error("Sign not allowed in string format specifier"));
    }
    if spec.no_negative_zero {
        return Err(PyErr::value_error("Negative zero coercion (z) not allowed in string format specifier"));
    }
    if spec.alternate {
        return Err(PyErr::value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if spec.align == Some('=') {
        return Err(PyErr::value_error("'=' alignment not allowed in string format specifier"));
    }
    if let Some(sep) = spec.grouping {
        return Err(PyErr::value_error(format!("Cannot specify '{sep}' with 's'.")));
    }
    let (text, count) = match spec.precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((byte, _)) => (&s[..byte], p),
            None => (s, s.chars().count()),
        },
        None => (s, s.chars().count()),
    };
    align_text(text.to_owned(), count, &spec, '<')
}

/// Insert `sep` every `group` digits from the right, zero-filling on the left until the result
/// is at least `min_width` characters (CPython's zero padding with grouping: `00,001,234`).
fn group_digits(digits: &str, sep: Option<char>, group: usize, min_width: usize) -> String {
    let Some(sep) = sep else {
        let zeros = min_width.saturating_sub(digits.len());
        return "0".repeat(zeros) + digits;
    };
    let grouped_len = |n: usize| if n == 0 { 0 } else { n + (n - 1) / group };
    let mut n = digits.len();
    while grouped_len(n) < min_width {
        n += 1;
    }
    let padded: Vec<u8> = std::iter::repeat_n(b'0', n - digits.len()).chain(digits.bytes()).collect();
    let mut out = String::with_capacity(grouped_len(n));
    for (i, &d) in padded.iter().enumerate() {
        if i > 0 && (n - i).is_multiple_of(group) {
            out.push(sep);
        }
        out.push(d as char);
    }
    out
}

/// Assemble a formatted number from its parts: `sign`, `prefix` (`0x`), the integer `digits`
/// (grouped here), and `rest` (fraction, exponent, `%`, or `inf`), then pad it.
fn layout_number(sign: &str, prefix: &str, digits: &str, rest: &str, spec: &FormatSpec, group: usize) -> PyResult<String> {
    let sep = if digits.is_empty() { None } else { spec.grouping };
    let zero_fill = spec.fill == '0' && spec.align == Some('=');
    let fixed = sign.len() + prefix.len() + rest.chars().count();
    let min_width = if zero_fill { spec.width.unwrap_or(0).saturating_sub(fixed) } else { 0 };
    let grouped = group_digits(digits, sep, group, min_width);
    let body_len = fixed + grouped.len();
    let width = spec.width.unwrap_or(0);
    if spec.align.unwrap_or('>') == '=' && body_len < width {
        let mut out = String::new();
        out.try_reserve(width * spec.fill.len_utf8() + body_len).map_err(|_| PyErr::memory_error())?;
        out.push_str(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat_n(spec.fill, width - body_len));
        out.push_str(&grouped);
        out.push_str(rest);
        return Ok(out);
    }
    align_text(format!("{sign}{prefix}{grouped}{rest}"), body_len, spec, '>')
}

fn sign_text(negative: bool, spec: &FormatSpec) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// `format(i, spec)` for int, bool and BigInt values.
pub fn format_int(value: &Value, spec_text: &str) -> PyResult<String> {
    let type_name = value.type_id().name();
    let spec = parse_spec(spec_text, '>', type_name)?;
    let kind = spec.kind.unwrap_or('d');
    if matches!(kind, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        let f = int::int_to_f64(value).unwrap_or(Ok(0.0))?;
        return format_float_spec(f, &spec);
    }
    if !matches!(kind, 'b' | 'o' | 'x' | 'X' | 'd' | 'n' | 'c') {
        return Err(unknown_code(kind, type_name));
    }
    if spec.precision.is_some() {
        return Err(PyErr::value_error("Precision not allowed in integer format specifier"));
    }
    if spec.no_negative_zero {
        return Err(PyErr::value_error("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    let big = int::to_bigint(value).unwrap_or_default();
    if kind == 'c' {
        if spec.sign.is_some() {
            return Err(PyErr::value_error("Sign not allowed with integer format specifier 'c'"));
        }
        if spec.alternate {
            return Err(PyErr::value_error("Alternate form (#) not allowed with integer format specifier 'c'"));
        }
        let c = big.to_u32().and_then(char::from_u32);
        let Some(c) = c else {
            return Err(PyErr::overflow("%c arg not in range(0x110000)"));
        };
        return layout_number("", "", "", &c.to_string(), &spec, 3);
    }
    let (radix, prefix, group) = match kind {
        'b' => (2, "0b", 4),
        'o' => (8, "0o", 4),
        'x' => (16, "0x", 4),
        'X' => (16, "0X", 4),
        _ => (10, "", 3),
    };
    let mut digits = if radix == 10 {
        let text = match value {
            Value::BigInt(b) => int::bigint_to_decimal(&b.abs())?,
            _ => big.magnitude().to_string(),
        };
        text
    } else {
        big.magnitude().to_str_radix(radix)
    };
    if kind == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if spec.alternate { prefix } else { "" };
    layout_number(sign_text(big.is_negative(), &spec), prefix, &digits, "", &spec, group)
}

/// `format(x, spec)` for a float (`type_name` names the type in errors).
pub fn format_float(x: f64, spec_text: &str, type_name: &str) -> PyResult<String> {
    let spec = parse_spec(spec_text, '>', type_name)?;
    if let Some(k) = spec.kind {
        if !matches!(k, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') {
            return Err(unknown_code(k, type_name));
        }
    }
    format_float_spec(x, &spec)
}

/// Strip trailing zeros of a fraction (and the point itself if nothing is left).
fn strip_fraction_zeros(text: &mut String) {
    if text.contains('.') {
        while text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
}

/// Mantissa text of scientific digits: `d.ddd`, with the point kept alone if `force_point`.
fn sci_mantissa(d: &SciDigits, force_point: bool) -> String {
    let mut m = d.digits[..1].to_string();
    if d.digits.len() > 1 || force_point {
        m.push('.');
        m.push_str(&d.digits[1..]);
    }
    m
}

fn format_float_spec(x: f64, spec: &FormatSpec) -> PyResult<String> {
    let kind = spec.kind;
    let upper = matches!(kind, Some('E' | 'F' | 'G'));
    let percent = kind == Some('%');
    let value = if percent { x * 100.0 } else { x };
    let negative = value.is_sign_negative() && !value.is_nan();
    let magnitude = value.abs();
    let body: String = if !value.is_finite() {
        let word = if value.is_nan() { "nan" } else { "inf" };
        let mut w = if upper { word.to_uppercase() } else { word.to_owned() };
        if percent {
            w.push('%');
        }
        w
    } else {
        match kind {
            Some('f' | 'F' | '%') => {
                let p = spec.precision.unwrap_or(6);
                let mut t = format!("{:.*}", p, magnitude);
                if spec.alternate && p == 0 {
                    t.push('.');
                }
                if percent {
                    t.push('%');
                }
                t
            }
            Some('e' | 'E') => {
                let p = spec.precision.unwrap_or(6);
                let d = rounded_digits(magnitude, p + 1);
                let mut t = sci_mantissa(&d, spec.alternate);
                t.push_str(&exponent_suffix(d.exponent, upper));
                t
            }
            Some('g' | 'G' | 'n') => general_format(magnitude, spec.precision.unwrap_or(6), spec.alternate, false, upper),
            _ => match spec.precision {
                Some(p) => general_format(magnitude, p, spec.alternate, true, false),
                None => {
                    let d = shortest_digits(magnitude);
                    if d.exponent < -4 || d.exponent >= 16 {
                        let mut t = sci_mantissa(&d, spec.alternate);
                        t.push_str(&exponent_suffix(d.exponent, false));
                        t
                    } else {
                        let mut t = fixed_from_digits(&d);
                        if !t.contains('.') {
                            t.push_str(".0");
                        }
                        t
                    }
                }
            },
        }
    };
    let rounds_to_zero = value.is_finite() && body.bytes().all(|b| !(b'1'..=b'9').contains(&b));
    let negative = negative && !(spec.no_negative_zero && rounds_to_zero);
    let split = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
    let (digits, rest) = body.split_at(split);
    layout_number(sign_text(negative, spec), "", digits, rest, spec, 3)
}

/// `g`-style formatting of a finite non-negative `x` with `precision` significant digits.
/// `repr_like` is the no-type-with-precision variant: exponent from `precision - 1` on, and a
/// `.0` added to integral fixed-point results.
fn general_format(x: f64, precision: usize, alternate: bool, repr_like: bool, upper: bool) -> String {
    let p = precision.max(1);
    let d = rounded_digits(x, p);
    let exponent = d.exponent as i64;
    let threshold = if repr_like { p as i64 - 1 } else { p as i64 };
    let mut text = if exponent < -4 || exponent >= threshold {
        let mut m = sci_mantissa(&d, alternate);
        if !alternate {
            strip_fraction_zeros(&mut m);
        }
        m.push_str(&exponent_suffix(d.exponent, upper));
        m
    } else {
        let decimals = (p as i64 - 1 - exponent).max(0) as usize;
        let mut t = format!("{:.*}", decimals, x);
        if alternate {
            if !t.contains('.') {
                t.push('.');
            }
        } else {
            strip_fraction_zeros(&mut t);
        }
        if repr_like && !t.contains('.') {
            t.push_str(".0");
        }
        t
    };
    if upper {
        text.make_ascii_uppercase();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64, spec: &str) -> String {
        match format_float(x, spec, "float") {
            Ok(s) => s,
            Err(e) => format!("error {}", message(e)),
        }
    }

    fn i(x: i64, spec: &str) -> String {
        match format_int(&Value::Int(x), spec) {
            Ok(s) => s,
            Err(e) => format!("error {}", message(e)),
        }
    }

    fn s(x: &str, spec: &str) -> String {
        match format_str(x, spec) {
            Ok(s) => s,
            Err(e) => format!("error {}", message(e)),
        }
    }

    fn message(e: PyErr) -> String {
        match e.0.args().items.first() {
            Some(Value::Str(s)) => s.as_str().to_owned(),
            _ => String::new(),
        }
    }

    #[test]
    fn int_specs() {
        // Expected values checked with python3.11.
        assert_eq!(i(1234, "08,"), "0,001,234");
        assert_eq!(i(1234, "010,"), "00,001,234");
        assert_eq!(i(1234, "0=10,"), "00,001,234");
        assert_eq!(i(1234, "x=10,"), "xxxxx1,234");
        assert_eq!(i(1234, "<010,"), "1,23400000");
        assert_eq!(i(-1234, "010,"), "-0,001,234");
        assert_eq!(i(1234, "#010_x"), "0x000_04d2");
        assert_eq!(i(255, "#012_b"), "0b0_1111_1111");
        assert_eq!(i(-7, "+05d"), "-0007");
        assert_eq!(i(42, ">08b"), "00101010");
        assert_eq!(i(65, "c"), "A");
        assert_eq!(i(12, "^6"), "  12  ");
        assert_eq!(i(-12, "#o"), "-0o14");
        assert_eq!(i(255, "#X"), "0XFF");
        assert_eq!(i(12, "+x"), "+c");
        assert_eq!(i(-255, "#_x"), "-0xff");
        assert_eq!(i(1, "-^+5"), "-+1--");
        assert_eq!(i(3, "é>5"), "éééé3");
        assert_eq!(i(1, "010"), "0000000001");
        assert_eq!(i(1, "0<5"), "10000");
        assert_eq!(i(123456789, "_x"), "75b_cd15");
        assert_eq!(i(1234, "n"), "1234");
        assert_eq!(i(1, "%"), "100.000000%");
        assert_eq!(i(1, ".2"), "error Precision not allowed in integer format specifier");
        assert_eq!(i(1, "q"), "error Unknown format code 'q' for object of type 'int'");
        assert_eq!(i(1, ",x"), "error Cannot specify ',' with 'x'.");
        assert_eq!(i(1, "_n"), "error Cannot specify '_' with 'n'.");
        assert_eq!(i(1, ",_"), "error Cannot specify both ',' and '_'.");
        assert_eq!(i(1, "_,"), "error Cannot specify both ',' and '_'.");
        assert_eq!(i(65, "+c"), "error Sign not allowed with integer format specifier 'c'");
        assert_eq!(i(-1, "c"), "error %c arg not in range(0x110000)");
        assert_eq!(i(1, "z"), "error Negative zero coercion (z) not allowed in integer format specifier");
        assert_eq!(i(1, "abc"), "error Invalid format specifier 'abc' for object of type 'int'");
        assert_eq!(i(1, "."), "error Format specifier missing precision");
        assert_eq!(i(1, "\x01"), "error Unknown format code '\\x1' for object of type 'int'");
        assert_eq!(format_int(&Value::bool(true), ">5").ok().as_deref(), Some("    1"));
    }

    #[test]
    fn float_specs() {
        assert_eq!(f(1234567.891, ",.2f"), "1,234,567.89");
        assert_eq!(f(3.14159, "10.3f"), "     3.142");
        assert_eq!(f(0.5, ".0%"), "50%");
        assert_eq!(f(1e20, "g"), "1e+20");
        assert_eq!(f(f64::INFINITY, "010f"), "0000000inf");
        assert_eq!(f(f64::NAN, "=+10"), "+      nan");
        assert_eq!(f(f64::INFINITY, "010,"), "0000000inf");
        assert_eq!(f(1.0, "#"), "1.0");
        assert_eq!(f(1e20, "#"), "1.e+20");
        assert_eq!(f(1e20, ".3"), "1e+20");
        assert_eq!(f(100.0, ".3"), "1e+02");
        assert_eq!(f(10.0, ".3"), "10.0");
        assert_eq!(f(1.0, "#.0e"), "1.e+00");
        assert_eq!(f(1.0, "#.0f"), "1.");
        assert_eq!(f(1.0, "#g"), "1.00000");
        assert_eq!(f(123.456, ".0"), "1e+02");
        assert_eq!(f(0.0, ".0"), "0e+00");
        assert_eq!(f(1234.5, "_"), "1_234.5");
        assert_eq!(f(-0.0, "z"), "0.0");
        assert_eq!(f(-0.0001, "z.2f"), "0.00");
        assert_eq!(f(-0.5, "z.0f"), "0");
        assert_eq!(f(12345.678, "n"), "12345.7");
        assert_eq!(f(1e16, ".17"), "1e+16");
        assert_eq!(f(1e16, ".20"), "10000000000000000.0");
        assert_eq!(f(0.1, ".20"), "0.10000000000000000555");
        assert_eq!(f(123.0, "#.0"), "1.e+02");
        assert_eq!(f(1e15, ".16g"), "1000000000000000");
        assert_eq!(f(f64::NAN, "+.2%"), "+nan%");
        assert_eq!(f(f64::INFINITY, "F"), "INF");
        assert_eq!(f(1.5, "=^10"), "===1.5====");
        assert_eq!(f(1e6, ",.0f"), "1,000,000");
        assert_eq!(f(123456789.123, ",g"), "1.23457e+08");
        assert_eq!(f(1234567.0, ",e"), "1.234567e+06");
        assert_eq!(f(-1234.5, "=+12,.1f"), "-    1,234.5");
        assert_eq!(f(1.23, "015.3e"), "0000001.230e+00");
        assert_eq!(f(2.675, ".2f"), "2.67");
        assert_eq!(f(0.125, ".2f"), "0.12");
        assert_eq!(f(1.5, "c"), "error Unknown format code 'c' for object of type 'float'");
        assert_eq!(f(1.5, "_c"), "error Cannot specify '_' with 'c'.");
    }

    #[test]
    fn str_specs() {
        assert_eq!(s("ab", "05"), "ab000");
        assert_eq!(s("ab", "^7.1"), "   a   ");
        assert_eq!(s("é", "^5"), "  é  ");
        assert_eq!(s("abc", ".0s"), "");
        assert_eq!(s("x", "<0"), "x");
        assert_eq!(s("a", "+"), "error Sign not allowed in string format specifier");
        assert_eq!(s("a", "=5"), "error '=' alignment not allowed in string format specifier");
        assert_eq!(s("a", "#"), "error Alternate form (#) not allowed in string format specifier");
        assert_eq!(s("a", ","), "error Cannot specify ',' with 's'.");
        assert_eq!(s("a", "_"), "error Cannot specify '_' with 's'.");
        assert_eq!(s("a", "d"), "error Unknown format code 'd' for object of type 'str'");
        assert_eq!(s("a", "z"), "error Negative zero coercion (z) not allowed in string format specifier");
    }
}
