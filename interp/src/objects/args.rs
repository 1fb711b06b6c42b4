//! Argument checking for native methods of builtin types: `args[0]` is `self`, the rest are
//! bound to named parameters (positionally, or by keyword where allowed) with CPython-style
//! error messages.

use std::borrow::Cow;

use crate::error::{PyErr, PyResult};
use crate::value::{CallArgs, Value};

/// A method's qualified name for error messages: whole (`"list.append"`), or as its type and
/// method (`("str", name)`), which is joined only when an error needs it: methods shared by
/// several names otherwise formatted a `String` on every call.
pub trait MethodName: Copy {
    fn qualified(&self) -> Cow<'_, str>;
}

impl MethodName for &str {
    fn qualified(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl MethodName for (&str, &str) {
    fn qualified(&self) -> Cow<'_, str> {
        Cow::Owned(format!("{}.{}", self.0, self.1))
    }
}

/// The arguments after `self` of a method that takes no keyword arguments, as an array of
/// `N` optional slots; the first `required` must be given. `name` is qualified
/// (`"list.append"`): CPython names the type in some of these messages and not in others.
pub fn positional<'a, const N: usize>(
    name: impl MethodName,
    call: &CallArgs<'a>,
    required: usize,
) -> PyResult<[Option<&'a Value>; N]> {
    check_no_kwargs(name, call)?;
    let given = call.args.len().saturating_sub(1);
    if given > N || given < required {
        return Err(count_error(&name.qualified(), N, required, given));
    }
    Ok(fill(call))
}

/// Like `positional`, with the older message style some str methods keep
/// (`"find() takes at least 1 argument (0 given)"`).
pub fn positional_legacy<'a, const N: usize>(
    name: impl MethodName,
    call: &CallArgs<'a>,
    required: usize,
) -> PyResult<[Option<&'a Value>; N]> {
    check_no_kwargs(name, call)?;
    let given = call.args.len().saturating_sub(1);
    if given > N || given < required {
        return Err(legacy_count_error(bare(&name.qualified()), N, required, given));
    }
    Ok(fill(call))
}

fn fill<'a, const N: usize>(call: &CallArgs<'a>) -> [Option<&'a Value>; N] {
    let mut out = [None; N];
    for (slot, v) in out.iter_mut().zip(call.args.iter().skip(1)) {
        *slot = Some(v);
    }
    out
}

/// The method name without its type (`"list.append"` -> `"append"`).
fn bare(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// The arguments after `self`, bound to `params` positionally or by keyword.
pub fn bind<'a, const N: usize>(
    name: &str,
    call: &CallArgs<'a>,
    params: [&str; N],
    required: usize,
) -> PyResult<[Option<&'a Value>; N]> {
    let short = bare(name);
    let pos = call.positional();
    let pos = if pos.is_empty() { pos } else { &pos[1..] };
    if pos.len() > N {
        return Err(legacy_count_error(short, N, required, pos.len() + call.kwnames.len()));
    }
    let mut out = [None; N];
    for (slot, v) in out.iter_mut().zip(pos.iter()) {
        *slot = Some(v);
    }
    for (kw, v) in call.keywords() {
        match params.iter().position(|p| *p == kw) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(PyErr::type_error(format!(
                        "argument for {short}() given by name ('{kw}') and position ({})",
                        i + 1
                    )));
                }
                out[i] = Some(v);
            }
            None => {
                return Err(PyErr::type_error(format!("{short}() got an unexpected keyword argument '{kw}'")));
            }
        }
    }
    if let Some(missing) = out.iter().take(required).position(|v| v.is_none()) {
        return Err(PyErr::type_error(format!(
            "{short}() missing required argument '{}' (pos {})",
            params[missing],
            missing + 1
        )));
    }
    Ok(out)
}

/// TypeError unless the call has no keyword arguments (`name` is qualified).
pub fn check_no_kwargs(name: impl MethodName, call: &CallArgs<'_>) -> PyResult<()> {
    if call.kwnames.is_empty() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!("{}() takes no keyword arguments", name.qualified())))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn count_error(name: &str, max: usize, min: usize, given: usize) -> PyErr {
    let short = bare(name);
    let msg = if max == 0 {
        format!("{name}() takes no arguments ({given} given)")
    } else if min == 1 && max == 1 {
        format!("{name}() takes exactly one argument ({given} given)")
    } else if min == max {
        format!("{short} expected {max} argument{}, got {given}", plural(max))
    } else if given > max {
        format!("{short} expected at most {max} argument{}, got {given}", plural(max))
    } else {
        format!("{short} expected at least {min} argument{}, got {given}", plural(min))
    };
    PyErr::type_error(msg)
}

fn legacy_count_error(short: &str, max: usize, min: usize, given: usize) -> PyErr {
    let msg = if given > max {
        format!("{short}() takes at most {max} argument{} ({given} given)", plural(max))
    } else {
        format!("{short}() takes at least {min} argument{} ({given} given)", plural(min))
    };
    PyErr::type_error(msg)
}
