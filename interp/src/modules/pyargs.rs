//! Argument binding with the messages of a Python `def`, for module functions and methods that
//! CPython implements in Python (`random.Random.randint`, `functools.reduce`'s helpers, ...):
//! "Random.randint() missing 1 required positional argument: 'b'",
//! "takes from 2 to 3 positional arguments but 4 were given",
//! "got an unexpected keyword argument 'x'", "got multiple values for argument 'a'".

use crate::error::{PyErr, PyResult};
use crate::value::{CallArgs, Value};

/// The parameters of a Python-style function.
pub struct PySignature<'s> {
    /// Qualified name for messages (`"Random.randint"`).
    pub name: &'s str,
    /// Parameter names in order; the first `positional` can be passed by position, the rest
    /// are keyword-only.
    pub params: &'s [&'s str],
    pub positional: usize,
    /// How many leading positional parameters have no default.
    pub required: usize,
    /// Required keyword-only parameters are not supported; `self_offset` is 1 for methods
    /// whose `self` is `args[0]` (it counts in "N were given" like Python's).
    pub self_offset: usize,
}

fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// Bind `args` (after `self` when `self_offset` is 1) to the parameters.
pub fn bind<'a, const N: usize>(args: &CallArgs<'a>, sig: &PySignature<'_>) -> PyResult<[Option<&'a Value>; N]> {
    let mut slots: [Option<&'a Value>; N] = [None; N];
    let all_pos = args.positional();
    let pos = all_pos.get(sig.self_offset..).unwrap_or(&[]);
    if pos.len() > sig.positional {
        let given = pos.len() + sig.self_offset;
        let max = sig.positional + sig.self_offset;
        let min = sig.required + sig.self_offset;
        let takes = if min == max {
            format!("{max} positional argument{}", if max == 1 { "" } else { "s" })
        } else {
            format!("from {min} to {max} positional arguments")
        };
        let was = if given == 1 { "was" } else { "were" };
        return Err(PyErr::type_error(format!("{}() takes {takes} but {given} {was} given", sig.name)));
    }
    for (slot, v) in slots.iter_mut().zip(pos.iter()) {
        *slot = Some(v);
    }
    for (kw, v) in args.keywords() {
        match sig.params.iter().position(|p| *p == kw) {
            Some(i) if i < N => {
                if slots[i].is_some() {
                    return Err(PyErr::type_error(format!("{}() got multiple values for argument '{kw}'", sig.name)));
                }
                slots[i] = Some(v);
            }
            _ => {
                return Err(PyErr::type_error(format!("{}() got an unexpected keyword argument '{kw}'", sig.name)));
            }
        }
    }
    let missing: Vec<&str> =
        (0..sig.required.min(N)).filter(|&i| slots[i].is_none()).map(|i| sig.params[i]).collect();
    if !missing.is_empty() {
        let n = missing.len();
        return Err(PyErr::type_error(format!(
            "{}() missing {n} required positional argument{}: {}",
            sig.name,
            if n == 1 { "" } else { "s" },
            quoted_list(&missing)
        )));
    }
    Ok(slots)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(e: PyErr) -> String {
        match e.0.args().items.first() {
            Some(Value::Str(s)) => s.as_str().to_owned(),
            _ => String::new(),
        }
    }

    const F: PySignature<'static> =
        PySignature { name: "f", params: &["a", "b", "c", "k"], positional: 3, required: 2, self_offset: 1 };

    #[test]
    fn messages_match_python() {
        let one = [Value::None, Value::Int(1)];
        let err = bind::<4>(&CallArgs::new(&one[..1]), &F).err().map(message);
        assert_eq!(err.as_deref(), Some("f() missing 2 required positional arguments: 'a' and 'b'"));
        let err = bind::<4>(&CallArgs::new(&one), &F).err().map(message);
        assert_eq!(err.as_deref(), Some("f() missing 1 required positional argument: 'b'"));
        let five = [Value::None, Value::Int(1), Value::Int(2), Value::Int(3), Value::Int(4)];
        let err = bind::<4>(&CallArgs::new(&five), &F).err().map(message);
        assert_eq!(err.as_deref(), Some("f() takes from 3 to 4 positional arguments but 5 were given"));
        assert_eq!(quoted_list(&["a", "b", "c"]), "'a', 'b', and 'c'");
    }
}
