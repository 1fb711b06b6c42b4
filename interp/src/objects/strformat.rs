//! String formatting templates: `str.format` / `str.format_map` (replacement fields with
//! indexes, names, attribute and item access, conversions, nested specs) and printf-style
//! `str % args`. The format-spec mini-language itself is `objects::format::format_value`.

use num_bigint::BigInt;

use crate::error::{PyErr, PyResult};
use crate::ops;
use crate::value::Value;
use crate::vm::Vm;

/// Field numbering state of one `str.format` call.
enum Numbering {
    Unknown,
    Auto(usize),
    Manual,
}

struct FormatCtx<'a> {
    args: &'a [Value],
    kwargs: &'a [(&'a str, &'a Value)],
    mapping: Option<&'a Value>,
    numbering: Numbering,
}

/// `template.format(*args, **kwargs)`, or `template.format_map(mapping)` when `mapping` is set.
pub fn format(
    vm: &mut Vm,
    template: &str,
    args: &[Value],
    kwargs: &[(&str, &Value)],
    mapping: Option<&Value>,
) -> PyResult<String> {
    let mut ctx = FormatCtx { args, kwargs, mapping, numbering: Numbering::Unknown };
    expand(vm, template, &mut ctx, 2)
}

fn expand(vm: &mut Vm, template: &str, ctx: &mut FormatCtx<'_>, depth: u32) -> PyResult<String> {
    let mut out = String::with_capacity(template.len());
    let bytes = template.as_bytes();
    let mut i = 0;
    let mut literal_start = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                out.push_str(&template[literal_start..i]);
                if bytes.get(i + 1) == Some(&b'{') {
                    out.push('{');
                    i += 2;
                    literal_start = i;
                    continue;
                }
                // Find the matching '}' (specs may nest fields).
                let mut nesting = 1;
                let mut j = i + 1;
                while j < bytes.len() {
                    match bytes[j] {
                        b'{' => nesting += 1,
                        b'}' => {
                            nesting -= 1;
                            if nesting == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                if j >= bytes.len() {
                    return Err(PyErr::value_error(if nesting > 1 {
                        "unmatched '{' in format spec"
                    } else {
                        "Single '{' encountered in format string"
                    }));
                }
                if depth == 0 {
                    return Err(PyErr::value_error("Max string recursion exceeded"));
                }
                let field = &template[i + 1..j];
                let text = render_field(vm, field, ctx, depth)?;
                out.push_str(&text);
                i = j + 1;
                literal_start = i;
            }
            b'}' => {
                if bytes.get(i + 1) == Some(&b'}') {
                    out.push_str(&template[literal_start..i]);
                    out.push('}');
                    i += 2;
                    literal_start = i;
                    continue;
                }
                return Err(PyErr::value_error("Single '}' encountered in format string"));
            }
            _ => i += 1,
        }
    }
    out.push_str(&template[literal_start..]);
    Ok(out)
}

/// Split a field into (name, conversion, spec); `:` and `!` inside `[...]` belong to the name.
fn split_field(field: &str) -> (&str, Option<&str>, &str) {
    let mut in_brackets = false;
    let mut name_end = field.len();
    for (i, c) in field.char_indices() {
        match c {
            '[' => in_brackets = true,
            ']' => in_brackets = false,
            '!' | ':' if !in_brackets => {
                name_end = i;
                break;
            }
            _ => {}
        }
    }
    let name = &field[..name_end];
    let rest = &field[name_end..];
    if let Some(after) = rest.strip_prefix('!') {
        match after.find(':') {
            Some(p) => (name, Some(&after[..p]), &after[p + 1..]),
            None => (name, Some(after), ""),
        }
    } else if let Some(spec) = rest.strip_prefix(':') {
        (name, None, spec)
    } else {
        (name, None, "")
    }
}

fn render_field(vm: &mut Vm, field: &str, ctx: &mut FormatCtx<'_>, depth: u32) -> PyResult<String> {
    let (name, conversion, spec) = split_field(field);
    let value = resolve_field(vm, name, ctx)?;
    let value = match conversion {
        None => value,
        Some("r") => Value::string(ops::repr(vm, &value)?),
        Some("s") => Value::string(ops::to_str(vm, &value)?),
        Some("a") => Value::string(crate::objects::str::escape_non_ascii(&ops::repr(vm, &value)?)),
        Some(other) => {
            return Err(PyErr::value_error(match other.chars().next() {
                Some(c) if other.chars().count() == 1 => format!("Unknown conversion specifier {c}"),
                Some(_) => "expected ':' after conversion specifier".to_owned(),
                None => "end of string while looking for conversion specifier".to_owned(),
            }))
        }
    };
    let spec = if spec.contains('{') { expand(vm, spec, ctx, depth - 1)? } else { spec.to_owned() };
    crate::objects::format::format_value(vm, &value, &spec)
}

/// The value a field name refers to: `0`, ``, `name`, followed by `.attr` / `[key]` parts.
fn resolve_field(vm: &mut Vm, name: &str, ctx: &mut FormatCtx<'_>) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut value = if first.is_empty() {
        let index = match ctx.numbering {
            Numbering::Manual => {
                return Err(PyErr::value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ))
            }
            Numbering::Unknown => 0,
            Numbering::Auto(n) => n,
        };
        ctx.numbering = Numbering::Auto(index + 1);
        positional_arg(ctx, index)?
    } else if first.bytes().all(|b| b.is_ascii_digit()) {
        if let Numbering::Auto(_) = ctx.numbering {
            return Err(PyErr::value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        ctx.numbering = Numbering::Manual;
        let index: usize = first.parse().map_err(|_| PyErr::value_error("Too many decimal digits in format string"))?;
        positional_arg(ctx, index)?
    } else {
        match ctx.kwargs.iter().find(|(k, _)| *k == first) {
            Some((_, v)) => (*v).clone(),
            None => match ctx.mapping {
                Some(m) => ops::getitem(vm, m, &Value::str(first))?,
                None => return Err(PyErr::key_error(Value::str(first))),
            },
        }
    };
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let attr = &after[..end];
            if attr.is_empty() {
                return Err(PyErr::value_error("Empty attribute in format string"));
            }
            value = ops::getattr(vm, &value, attr)?;
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let Some(end) = after.find(']') else {
                return Err(PyErr::value_error("Missing ']' in format string"));
            };
            let key_text = &after[..end];
            if key_text.is_empty() {
                return Err(PyErr::value_error("Empty attribute in format string"));
            }
            let key = match key_text.parse::<i64>() {
                Ok(i) if key_text.bytes().all(|b| b.is_ascii_digit()) => Value::Int(i),
                _ => Value::str(key_text),
            };
            value = ops::getitem(vm, &value, &key)?;
            rest = &after[end + 1..];
            if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                return Err(PyErr::value_error("Only '.' or '[' may follow ']' in format field specifier"));
            }
        } else {
            return Err(PyErr::value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    Ok(value)
}

fn positional_arg(ctx: &FormatCtx<'_>, index: usize) -> PyResult<Value> {
    ctx.args.get(index).cloned().ok_or_else(|| {
        PyErr::index_error(format!("Replacement index {index} out of range for positional args tuple"))
    })
}

// ---------------------------------------------------------------------------------------------
// printf-style formatting.

#[derive(Default)]
struct Flags {
    left: bool,
    plus: bool,
    space: bool,
    alternate: bool,
    zero: bool,
}

/// `template % arg`.
pub fn percent_format(vm: &mut Vm, template: &str, arg: &Value) -> PyResult<String> {
    let (items, single): (Vec<Value>, bool) = match arg {
        Value::Tuple(t) => (t.items.to_vec(), false),
        other => (vec![other.clone()], true),
    };
    // Like CPython, any subscriptable non-tuple, non-str argument can serve as the mapping.
    let mapping = match arg {
        Value::Dict(_) | Value::List(_) => Some(arg.clone()),
        _ => None,
    };
    let mut next_arg = 0usize;
    let mut out = String::with_capacity(template.len() + 16);
    let chars: Vec<(usize, char)> = template.char_indices().collect();
    let mut i = 0;
    let mut literal_start = 0;
    while i < chars.len() {
        let (byte_pos, c) = chars[i];
        if c != '%' {
            i += 1;
            continue;
        }
        out.push_str(&template[literal_start..byte_pos]);
        i += 1;
        let take_next = |next_arg: &mut usize| -> PyResult<Value> {
            let v = items.get(*next_arg).cloned().ok_or_else(|| PyErr::type_error("not enough arguments for format string"))?;
            *next_arg += 1;
            Ok(v)
        };
        // Mapping key.
        let mut keyed: Option<Value> = None;
        if chars.get(i).map(|c| c.1) == Some('(') {
            let Some(map) = &mapping else {
                return Err(PyErr::type_error("format requires a mapping"));
            };
            let mut nesting = 1;
            let start = i + 1;
            let mut j = start;
            while j < chars.len() {
                match chars[j].1 {
                    '(' => nesting += 1,
                    ')' => {
                        nesting -= 1;
                        if nesting == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err(PyErr::value_error("incomplete format key"));
            }
            let key: String = chars[start..j].iter().map(|c| c.1).collect();
            keyed = Some(ops::getitem(vm, map, &Value::string(key))?);
            i = j + 1;
        }
        let mut flags = Flags::default();
        while let Some(&(_, f)) = chars.get(i) {
            match f {
                '-' => flags.left = true,
                '+' => flags.plus = true,
                ' ' => flags.space = true,
                '#' => flags.alternate = true,
                '0' => flags.zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut width: Option<usize> = None;
        if chars.get(i).map(|c| c.1) == Some('*') {
            let w = take_next(&mut next_arg)?;
            let w = match w {
                Value::Int(n) => n,
                Value::Bool(b) => b as i64,
                Value::BigInt(_) => return Err(PyErr::overflow("Python int too large to convert to C int")),
                _ => return Err(PyErr::type_error("* wants int")),
            };
            if i32::try_from(w).is_err() {
                return Err(PyErr::overflow("Python int too large to convert to C int"));
            }
            if w < 0 {
                flags.left = true;
            }
            width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            let mut w: usize = 0;
            let mut any = false;
            while let Some(&(_, d)) = chars.get(i) {
                let Some(digit) = d.to_digit(10) else { break };
                w = w
                    .checked_mul(10)
                    .and_then(|w| w.checked_add(digit as usize))
                    .filter(|&w| w <= i32::MAX as usize)
                    .ok_or_else(|| PyErr::value_error("width too big"))?;
                any = true;
                i += 1;
            }
            if any {
                width = Some(w);
            }
        }
        let mut precision: Option<usize> = None;
        if chars.get(i).map(|c| c.1) == Some('.') {
            i += 1;
            if chars.get(i).map(|c| c.1) == Some('*') {
                let p = take_next(&mut next_arg)?;
                let p = match p {
                    Value::Int(n) => n,
                    Value::Bool(b) => b as i64,
                    Value::BigInt(_) => return Err(PyErr::overflow("Python int too large to convert to C int")),
                    _ => return Err(PyErr::type_error("* wants int")),
                };
                if i32::try_from(p).is_err() {
                    return Err(PyErr::overflow("Python int too large to convert to C int"));
                }
                precision = Some(p.max(0) as usize);
                i += 1;
            } else {
                let mut p: usize = 0;
                while let Some(&(_, d)) = chars.get(i) {
                    let Some(digit) = d.to_digit(10) else { break };
                    p = p
                        .checked_mul(10)
                        .and_then(|p| p.checked_add(digit as usize))
                        .filter(|&p| p <= i32::MAX as usize)
                        .ok_or_else(|| PyErr::value_error("precision too big"))?;
                    i += 1;
                }
                precision = Some(p);
            }
        }
        while matches!(chars.get(i).map(|c| c.1), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&(conv_pos, conv)) = chars.get(i) else {
            return Err(PyErr::value_error("incomplete format"));
        };
        i += 1;
        literal_start = chars.get(i).map_or(template.len(), |c| c.0);
        if conv == '%' {
            out.push('%');
            continue;
        }
        let value = match keyed.take() {
            Some(v) => v,
            None => take_next(&mut next_arg)?,
        };
        let body = match conv {
            's' | 'r' | 'a' => {
                let mut text = match conv {
                    's' => ops::to_str(vm, &value)?,
                    'r' => ops::repr(vm, &value)?,
                    _ => crate::objects::str::escape_non_ascii(&ops::repr(vm, &value)?),
                };
                if let Some(p) = precision {
                    if let Some((cut, _)) = text.char_indices().nth(p) {
                        text.truncate(cut);
                    }
                }
                pad(text, width, flags.left, ' ')?
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let int = int_for_percent(&value, conv)?;
                if matches!(conv, 'd' | 'i' | 'u') {
                    // Decimal conversion of a huge int obeys the int -> str digit limit.
                    if let Some(Err(e)) = crate::objects::number::try_repr(&Value::from_bigint(int.clone())) {
                        return Err(e);
                    }
                }
                format_int(&int, conv, &flags, width, precision)?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = match &value {
                    Value::Float(f) => Value::Float(*f),
                    Value::Int(n) => Value::float(*n as f64),
                    Value::Bool(b) => Value::float(*b as i64 as f64),
                    Value::BigInt(b) => {
                        use num_traits::ToPrimitive;
                        match b.to_f64().filter(|f| f.is_finite()) {
                            Some(f) => Value::float(f),
                            None => return Err(PyErr::overflow("int too large to convert to float")),
                        }
                    }
                    other => {
                        return Err(PyErr::type_error(format!("must be real number, not {}", other.type_id().name())))
                    }
                };
                let mut spec = String::new();
                if flags.left {
                    spec.push('<');
                }
                if flags.plus {
                    spec.push('+');
                } else if flags.space {
                    spec.push(' ');
                }
                if flags.alternate {
                    spec.push('#');
                }
                if flags.zero && !flags.left {
                    spec.push('0');
                }
                if let Some(w) = width {
                    spec.push_str(&w.to_string());
                }
                spec.push('.');
                spec.push_str(&precision.unwrap_or(6).to_string());
                spec.push(conv);
                crate::objects::format::format_value(vm, &f, &spec)?
            }
            'c' => {
                let ch = match &value {
                    Value::Int(n) => u32::try_from(*n)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or_else(|| PyErr::overflow("%c arg not in range(0x110000)"))?,
                    Value::Str(s) if s.char_count() == 1 => s.as_str().chars().next().unwrap_or(' '),
                    Value::BigInt(_) => return Err(PyErr::overflow("%c arg not in range(0x110000)")),
                    _ => return Err(PyErr::type_error("%c requires int or char")),
                };
                pad(ch.to_string(), width, flags.left, ' ')?
            }
            other => {
                return Err(PyErr::value_error(format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    other,
                    other as u32,
                    template[..conv_pos].chars().count()
                )))
            }
        };
        out.push_str(&body);
    }
    out.push_str(&template[literal_start.min(template.len())..]);
    let unconverted = if single { next_arg == 0 } else { next_arg < items.len() };
    if unconverted && mapping.is_none() {
        return Err(PyErr::type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

fn pad(text: String, width: Option<usize>, left: bool, fill: char) -> PyResult<String> {
    let n = text.chars().count();
    match width {
        Some(w) if w > n => {
            let mut out = String::new();
            out.try_reserve(text.len() + (w - n) * fill.len_utf8()).map_err(|_| PyErr::memory_error())?;
            if left {
                out.push_str(&text);
                out.extend(std::iter::repeat_n(fill, w - n));
            } else {
                out.extend(std::iter::repeat_n(fill, w - n));
                out.push_str(&text);
            }
            Ok(out)
        }
        _ => Ok(text),
    }
}

/// The integer a `%d`/`%x`/`%o` conversion formats.
fn int_for_percent(v: &Value, conv: char) -> PyResult<BigInt> {
    match v {
        Value::Int(n) => Ok(BigInt::from(*n)),
        Value::Bool(b) => Ok(BigInt::from(*b as i64)),
        Value::BigInt(b) => Ok((**b).clone()),
        Value::Float(f) if matches!(conv, 'd' | 'i' | 'u') => {
            if f.get().is_nan() {
                Err(PyErr::value_error("cannot convert float NaN to integer"))
            } else if f.get().is_infinite() {
                Err(PyErr::overflow("cannot convert float infinity to integer"))
            } else {
                use num_traits::FromPrimitive;
                Ok(BigInt::from_f64(f.get().trunc()).unwrap_or_default())
            }
        }
        other => {
            let what = if matches!(conv, 'd' | 'i' | 'u') { "a real number" } else { "an integer" };
            Err(PyErr::type_error(format!("%{conv} format: {what} is required, not {}", other.type_id().name())))
        }
    }
}

fn format_int(n: &BigInt, conv: char, flags: &Flags, width: Option<usize>, precision: Option<usize>) -> PyResult<String> {
    let negative = n.sign() == num_bigint::Sign::Minus;
    let magnitude = n.magnitude();
    let digits = match conv {
        'x' => magnitude.to_str_radix(16),
        'X' => magnitude.to_str_radix(16).to_uppercase(),
        'o' => magnitude.to_str_radix(8),
        _ => magnitude.to_str_radix(10),
    };
    let zeros = precision.map_or(0, |p| p.saturating_sub(digits.len()));
    let mut prefix = String::new();
    if negative {
        prefix.push('-');
    } else if flags.plus {
        prefix.push('+');
    } else if flags.space {
        prefix.push(' ');
    }
    if flags.alternate {
        match conv {
            'x' => prefix.push_str("0x"),
            'X' => prefix.push_str("0X"),
            'o' => prefix.push_str("0o"),
            _ => {}
        }
    }
    let len = prefix.len() + zeros + digits.len();
    let padding = width.map_or(0, |w| w.saturating_sub(len));
    let mut out = String::new();
    out.try_reserve(len + padding).map_err(|_| PyErr::memory_error())?;
    if padding > 0 && !flags.left && !flags.zero {
        out.extend(std::iter::repeat_n(' ', padding));
    }
    out.push_str(&prefix);
    if padding > 0 && !flags.left && flags.zero {
        out.extend(std::iter::repeat_n('0', padding));
    }
    out.extend(std::iter::repeat_n('0', zeros));
    out.push_str(&digits);
    if padding > 0 && flags.left {
        out.extend(std::iter::repeat_n(' ', padding));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_splitting() {
        assert_eq!(split_field("0!r:>10"), ("0", Some("r"), ">10"));
        assert_eq!(split_field("a[x:y]:^5"), ("a[x:y]", None, "^5"));
        assert_eq!(split_field(""), ("", None, ""));
    }

    #[test]
    fn printf_ints() {
        let f = Flags { zero: true, plus: true, ..Flags::default() };
        assert_eq!(format_int(&BigInt::from(42), 'd', &f, Some(6), None).ok().as_deref(), Some("+00042"));
        let f = Flags { alternate: true, ..Flags::default() };
        assert_eq!(format_int(&BigInt::from(-255), 'x', &f, None, None).ok().as_deref(), Some("-0xff"));
        assert_eq!(format_int(&BigInt::from(5), 'd', &Flags::default(), Some(5), Some(3)).ok().as_deref(), Some("  005"));
        let f = Flags { left: true, ..Flags::default() };
        assert_eq!(format_int(&BigInt::from(7), 'o', &f, Some(4), None).ok().as_deref(), Some("7   "));
    }
}
