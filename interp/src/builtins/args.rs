//! Argument checking for native functions, with CPython's error messages. Every native uses
//! these helpers so the wording is the same everywhere:
//!
//! - `no_kwargs("len", &args)`: "len() takes no keyword arguments"
//! - `exactly_one("len", &args)`: "len() takes exactly one argument (2 given)"
//! - `positional_count("divmod", &args, 2, 2)`: "divmod expected 2 arguments, got 1"
//!   (also "... expected at least 1 argument, got 0" / "... expected at most 3 arguments, got 4")
//! - `parse(&args, &Signature { .. })`: named and keyword-only parameters:
//!   "round() missing required argument 'number' (pos 1)",
//!   "round() takes at most 2 arguments (3 given)",
//!   "'x' is an invalid keyword argument for round()",
//!   "argument for round() given by name ('number') and position (1)".

use crate::error::{PyErr, PyResult};
use crate::value::{CallArgs, Value};

/// TypeError "`name`() takes no keyword arguments" when any keyword was passed.
pub fn no_kwargs(name: &str, args: &CallArgs<'_>) -> PyResult<()> {
    if args.kwnames.is_empty() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!("{name}() takes no keyword arguments")))
    }
}

/// The single positional argument of a one-argument function (`len`, `abs`, `repr`...).
pub fn exactly_one<'a>(name: &str, args: &CallArgs<'a>) -> PyResult<&'a Value> {
    no_kwargs(name, args)?;
    match args.positional() {
        [one] => Ok(one),
        other => Err(PyErr::type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            other.len()
        ))),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        "argument"
    } else {
        "arguments"
    }
}

/// Check the number of positional arguments is within `min..=max`, with CPython's
/// "`name` expected ..." wording. Keywords are not checked (use `no_kwargs` too).
pub fn positional_count<'a>(name: &str, args: &CallArgs<'a>, min: usize, max: usize) -> PyResult<&'a [Value]> {
    let pos = args.positional();
    let n = pos.len();
    if n >= min && n <= max {
        return Ok(pos);
    }
    let msg = if min == max {
        format!("{name} expected {min} {}, got {n}", plural(min))
    } else if n < min {
        format!("{name} expected at least {min} {}, got {n}", plural(min))
    } else {
        format!("{name} expected at most {max} {}, got {n}", plural(max))
    };
    Err(PyErr::type_error(msg))
}

/// The TypeError for an unknown keyword: "'foo' is an invalid keyword argument for print()".
pub fn invalid_keyword(keyword: &str, function: &str) -> PyErr {
    PyErr::type_error(format!("'{keyword}' is an invalid keyword argument for {function}()"))
}

/// A native function's parameter list.
pub struct Signature<'s> {
    /// Function name for messages.
    pub name: &'s str,
    /// Every parameter, in order: the first `positional` may be passed by position, the rest
    /// only by keyword.
    pub params: &'s [&'s str],
    /// How many leading parameters may be given by position.
    pub positional: usize,
    /// How many leading parameters are required.
    pub required: usize,
    /// How many leading parameters are positional-only (cannot be given by keyword).
    pub positional_only: usize,
}

/// Match `args` against `sig`: one slot per parameter, `None` when not given.
pub fn parse<'a, const N: usize>(args: &CallArgs<'a>, sig: &Signature<'_>) -> PyResult<[Option<&'a Value>; N]> {
    let mut slots: [Option<&'a Value>; N] = [None; N];
    let pos = args.positional();
    let total = pos.len() + args.kwnames.len();
    if pos.len() > sig.positional {
        let max = sig.positional;
        return Err(PyErr::type_error(if sig.positional == sig.params.len() {
            format!("{}() takes at most {max} {} ({total} given)", sig.name, plural(max))
        } else {
            format!(
                "{}() takes at most {max} positional {} ({} given)",
                sig.name,
                plural(max),
                pos.len()
            )
        }));
    }
    for (slot, value) in slots.iter_mut().zip(pos.iter()) {
        *slot = Some(value);
    }
    for (keyword, value) in args.keywords() {
        let index = sig.params.iter().position(|p| *p == keyword);
        match index {
            Some(i) if i >= sig.positional_only && i < N => {
                if slots[i].is_some() {
                    return Err(PyErr::type_error(format!(
                        "argument for {}() given by name ('{keyword}') and position ({})",
                        sig.name,
                        i + 1
                    )));
                }
                slots[i] = Some(value);
            }
            _ => return Err(invalid_keyword(keyword, sig.name)),
        }
    }
    for (i, slot) in slots.iter().enumerate().take(sig.required) {
        if slot.is_none() {
            let param = sig.params.get(i).copied().unwrap_or("?");
            return Err(PyErr::type_error(format!(
                "{}() missing required argument '{param}' (pos {})",
                sig.name,
                i + 1
            )));
        }
    }
    Ok(slots)
}

/// The str argument `what` of `function`, or "`function`() argument N must be str, not int".
pub fn expect_str<'a>(value: &'a Value, function: &str, position: usize) -> PyResult<&'a str> {
    match value {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(PyErr::type_error(format!(
            "{function}() argument {position} must be str, not {}",
            other.type_id().name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    use crate::objects::str::PyStr;

    fn message(e: PyErr) -> String {
        match e.0.args().items.first() {
            Some(Value::Str(s)) => s.as_str().to_owned(),
            _ => String::new(),
        }
    }

    const ROUND: Signature<'static> =
        Signature { name: "round", params: &["number", "ndigits"], positional: 2, required: 1, positional_only: 0 };

    #[test]
    fn arity_messages() {
        let two = [Value::Int(1), Value::Int(2)];
        let args = CallArgs::new(&two);
        assert_eq!(message(exactly_one("len", &args).err().unwrap_or_else(|| PyErr::type_error(""))), "len() takes exactly one argument (2 given)");
        assert!(positional_count("divmod", &args, 2, 2).is_ok());
        let one = CallArgs::new(&two[..1]);
        assert_eq!(message(positional_count("divmod", &one, 2, 2).err().unwrap_or_else(|| PyErr::type_error(""))), "divmod expected 2 arguments, got 1");
        assert_eq!(message(positional_count("getattr", &one, 2, 3).err().unwrap_or_else(|| PyErr::type_error(""))), "getattr expected at least 2 arguments, got 1");
        let none = CallArgs::new(&[]);
        assert_eq!(message(positional_count("range", &none, 1, 3).err().unwrap_or_else(|| PyErr::type_error(""))), "range expected at least 1 argument, got 0");
    }

    #[test]
    fn signature_parsing() {
        let values = [Value::Int(1), Value::Int(2)];
        let names = [Rc::new(PyStr::new("ndigits".into()))];
        let args = CallArgs { args: &values, kwnames: &names };
        let slots: [Option<&Value>; 2] = parse(&args, &ROUND).unwrap_or([None, None]);
        assert!(matches!(slots, [Some(Value::Int(1)), Some(Value::Int(2))]));

        let bad_names = [Rc::new(PyStr::new("x".into()))];
        let args = CallArgs { args: &values, kwnames: &bad_names };
        let err = parse::<2>(&args, &ROUND).err().map(message);
        assert_eq!(err.as_deref(), Some("'x' is an invalid keyword argument for round()"));

        let args = CallArgs::new(&[]);
        let err = parse::<2>(&args, &ROUND).err().map(message);
        assert_eq!(err.as_deref(), Some("round() missing required argument 'number' (pos 1)"));

        let three = [Value::Int(1), Value::Int(2), Value::Int(3)];
        let err = parse::<2>(&CallArgs::new(&three), &ROUND).err().map(message);
        assert_eq!(err.as_deref(), Some("round() takes at most 2 arguments (3 given)"));

        let dup_names = [Rc::new(PyStr::new("number".into()))];
        let err = parse::<2>(&CallArgs { args: &values, kwnames: &dup_names }, &ROUND).err().map(message);
        assert_eq!(err.as_deref(), Some("argument for round() given by name ('number') and position (1)"));
    }
}
