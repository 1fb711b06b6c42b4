//! Argument checking for native methods of builtin types: `args[0]` is `self`, the rest are
//! bound to named parameters (positionally, or by keyword where allowed) with CPython-style
//! error messages.

use crate::error::{PyErr, PyResult};
use crate::value::{CallArgs, Value};

/// The arguments after `self` of a method that takes no keyword arguments, as an array of
/// `N` optional slots; the first `required` must be given.
pub fn positional<'a, const N: usize>(
    name: &str,
    call: &CallArgs<'a>,
    required: usize,
) -> PyResult<[Option<&'a Value>; N]> {
    check_no_kwargs(name, call)?;
    let given = call.args.len().saturating_sub(1);
    if given > N || given < required {
        return Err(count_error(name, N, required, given));
    }
    let mut out = [None; N];
    for (slot, v) in out.iter_mut().zip(call.args.iter().skip(1)) {
        *slot = Some(v);
    }
    Ok(out)
}

/// The arguments after `self`, bound to `params` positionally or by keyword.
pub fn bind<'a, const N: usize>(
    name: &str,
    call: &CallArgs<'a>,
    params: [&str; N],
    required: usize,
) -> PyResult<[Option<&'a Value>; N]> {
    let pos = call.positional();
    let pos = if pos.is_empty() { pos } else { &pos[1..] };
    if pos.len() > N {
        return Err(count_error(name, N, required, pos.len() + call.kwnames.len()));
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
                        "argument for {name}() given by name ('{kw}') and position ({})",
                        i + 1
                    )));
                }
                out[i] = Some(v);
            }
            None => {
                return Err(PyErr::type_error(format!("{name}() got an unexpected keyword argument '{kw}'")));
            }
        }
    }
    if let Some(missing) = out.iter().take(required).position(|v| v.is_none()) {
        return Err(PyErr::type_error(format!(
            "{name}() missing required argument '{}' (pos {})",
            params[missing],
            missing + 1
        )));
    }
    Ok(out)
}

/// TypeError unless the call has no keyword arguments.
pub fn check_no_kwargs(name: &str, call: &CallArgs<'_>) -> PyResult<()> {
    if call.kwnames.is_empty() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!("{name}() takes no keyword arguments")))
    }
}

fn count_error(name: &str, max: usize, min: usize, given: usize) -> PyErr {
    let msg = if max == 0 {
        format!("{name}() takes no arguments ({given} given)")
    } else if min == max {
        if max == 1 {
            format!("{name}() takes exactly one argument ({given} given)")
        } else {
            format!("{name}() takes exactly {max} arguments ({given} given)")
        }
    } else if given > max {
        format!("{name}() takes at most {max} argument{} ({given} given)", if max == 1 { "" } else { "s" })
    } else {
        format!("{name} expected at least {min} argument{}, got {given}", if min == 1 { "" } else { "s" })
    };
    PyErr::type_error(msg)
}
