//! `repr()` and `str()` of every builtin value kind, with CPython's formats. Containers that
//! contain themselves print `[...]` / `{...}`; nesting deeper than the recursion limit raises
//! RecursionError instead of overflowing the native stack.

use std::cell::RefCell;
use std::fmt::Write;

use crate::error::{PyErr, PyResult};
use crate::objects::types::TypeId;
use crate::objects::{iter, number, range, str as pystr};
use crate::value::{DictViewKind, PyException, Value};
use crate::vm::Vm;

thread_local! {
    /// Heap addresses of the containers whose repr is being built (innermost last).
    static ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Hard ceiling on nested container reprs, whatever the recursion limit says, so a raised
/// `sys.setrecursionlimit` cannot make a deep structure overflow the native stack.
const MAX_NATIVE_DEPTH: usize = 20_000;

/// `repr(v)`.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let mut out = String::new();
    write_repr(vm, v, &mut out)?;
    Ok(out)
}

/// `str(v)`.
pub fn to_str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        Value::Object(_) | Value::Type(_) | Value::Exception(_) if crate::objects::dunder::is_dynamic(v) => {
            match crate::objects::dunder::to_str(vm, v) {
                Some(r) => r,
                None => match v {
                    Value::Exception(e) => exception_str(vm, e),
                    _ => repr(vm, v),
                },
            }
        }
        Value::Exception(e) => exception_str(vm, e),
        _ => repr(vm, v),
    }
}

/// `str(exception)` (see `objects::exception::str_of`).
pub fn exception_str(vm: &mut Vm, e: &std::rc::Rc<PyException>) -> PyResult<String> {
    crate::objects::exception::str_of(vm, e)
}

/// Lower-case hex address as CPython's `%p` prints it.
pub fn address(v: &Value) -> String {
    format!("{:#x}", v.heap_ptr().unwrap_or(0))
}

fn number_repr(v: &Value) -> String {
    if let Some(s) = number::repr(v) {
        return s;
    }
    // Fallbacks used only until the numeric module provides every repr.
    match v {
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Bool(b) => (if b.get() { "True" } else { "False" }).to_owned(),
        Value::Float(f) => {
            if f.get().is_nan() {
                "nan".to_owned()
            } else if f.get().is_infinite() {
                (if f.get() > 0.0 { "inf" } else { "-inf" }).to_owned()
            } else {
                format!("{f:?}")
            }
        }
        _ => String::new(),
    }
}

/// Append `repr(v)` to `out`.
pub fn write_repr(vm: &mut Vm, v: &Value, out: &mut String) -> PyResult<()> {
    match v {
        Value::None => out.push_str("None"),
        Value::Object(_) | Value::Type(_) | Value::Exception(_) if crate::objects::dunder::is_dynamic(v) => {
            if let Some(r) = crate::objects::dunder::repr(vm, v) {
                out.push_str(&r?);
                return Ok(());
            }
            return write_builtin_repr(vm, v, out);
        }
        _ => return write_builtin_repr(vm, v, out),
    }
    Ok(())
}

/// `write_repr` for values without a Python-level `__repr__`.
fn write_builtin_repr(vm: &mut Vm, v: &Value, out: &mut String) -> PyResult<()> {
    match v {
        Value::None => out.push_str("None"),
        Value::Bool(b) => out.push_str(if b.get() { "True" } else { "False" }),
        Value::Int(i) => out.push_str(itoa_buf(*i).as_str()),
        Value::BigInt(_) | Value::Float(_) => match number::try_repr(v) {
            Some(text) => out.push_str(&text?),
            None => out.push_str(&number_repr(v)),
        },
        Value::Str(s) => pystr::write_repr(out, s.as_str(), false),
        Value::List(_)
        | Value::Tuple(_)
        | Value::Dict(_)
        | Value::Set(_)
        | Value::FrozenSet(_)
        | Value::DictView(_)
        | Value::Slice(_)
        | Value::Exception(_)
        | Value::Method(_) => write_nested(vm, v, out)?,
        Value::Iter(it) => match crate::objects::iter::custom_repr(vm, it) {
            Some(text) => out.push_str(&text?),
            None => write_leaf(v, out),
        },
        _ => write_leaf(v, out),
    }
    Ok(())
}

/// Decimal text of an i64 (kept out of `write_repr`'s frame).
#[inline(never)]
fn itoa_buf(i: i64) -> String {
    i.to_string()
}

/// Reprs that contain no other reprs. Kept out of line so the recursive path stays small.
#[inline(never)]
fn write_leaf(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("<NULL>"),
        Value::NotImplemented => out.push_str("NotImplemented"),
        Value::Ellipsis => out.push_str("Ellipsis"),
        Value::Float(_) | Value::BigInt(_) | Value::Int(_) | Value::Bool(_) => out.push_str(&number_repr(v)),
        Value::Range(r) => out.push_str(&range::repr(r)),
        Value::Bytes(_) | Value::ByteArray(_) => out.push_str(&crate::objects::bytes::repr(v)),
        Value::Function(f) => {
            let _ = write!(out, "<function {} at {}>", f.qualname.borrow().as_str(), address(v));
        }
        Value::Native(n) => {
            let _ = match n.owner {
                Some(t) => write!(out, "<method '{}' of '{}' objects>", n.name, t.name()),
                None => write!(out, "<built-in function {}>", n.name),
            };
        }
        Value::Type(t) => out.push_str(&crate::objects::dunder::type_repr(t)),
        Value::Module(m) => {
            let _ = match m.dict.get_str("__file__") {
                Some(Value::Str(f)) => write!(out, "<module '{}' from '{}'>", m.name.as_str(), f.as_str()),
                _ => write!(out, "<module '{}' (built-in)>", m.name.as_str()),
            };
        }
        Value::Iter(it) => {
            let _ = write!(out, "<{} object at {}>", iter::type_name(it), address(v));
        }
        Value::Generator(g) => out.push_str(&crate::objects::generator::repr(g, &address(v))),
        Value::Cell(c) => {
            let inner = c.value.borrow().clone();
            let _ = match inner {
                Value::Null => write!(out, "<cell at {}: empty>", address(v)),
                other => write!(
                    out,
                    "<cell at {}: {} object at {}>",
                    address(v),
                    other.type_id().name(),
                    address(&other)
                ),
            };
        }
        Value::Code(c) => {
            let _ = write!(
                out,
                "<code object {} at {}, file \"{}\", line {}>",
                c.name,
                address(v),
                c.filename,
                c.firstlineno
            );
        }
        _ => out.push_str("<?>"),
    }
}

/// Reprs that contain other reprs: guarded against self-reference and deep nesting.
fn write_nested(vm: &mut Vm, v: &Value, out: &mut String) -> PyResult<()> {
    let ptr = v.heap_ptr().unwrap_or(0);
    if ACTIVE.with(|a| a.borrow().contains(&ptr)) {
        out.push_str(match v {
            Value::List(_) => "[...]",
            Value::Dict(_) => "{...}",
            Value::Tuple(_) => "(...)",
            _ => "...",
        });
        return Ok(());
    }
    let limit = vm.recursion_limit.min(MAX_NATIVE_DEPTH);
    if vm.repr_depth >= limit {
        return Err(PyErr::new(
            TypeId::RecursionError,
            "maximum recursion depth exceeded while getting the repr of an object",
        ));
    }
    vm.repr_depth += 1;
    ACTIVE.with(|a| a.borrow_mut().push(ptr));
    let result = write_nested_body(vm, v, out);
    ACTIVE.with(|a| {
        a.borrow_mut().pop();
    });
    vm.repr_depth -= 1;
    result
}

fn write_items(vm: &mut Vm, items: &[Value], out: &mut String) -> PyResult<()> {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(vm, item, out)?;
    }
    Ok(())
}

fn write_pairs(vm: &mut Vm, pairs: &[(Value, Value)], out: &mut String) -> PyResult<()> {
    for (i, (k, val)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(vm, k, out)?;
        out.push_str(": ");
        write_repr(vm, val, out)?;
    }
    Ok(())
}

#[inline(never)]
fn write_nested_body(vm: &mut Vm, v: &Value, out: &mut String) -> PyResult<()> {
    match v {
        Value::List(l) => {
            let items = l.items.borrow().clone();
            out.push('[');
            write_items(vm, &items, out)?;
            out.push(']');
        }
        Value::Tuple(t) => {
            out.push('(');
            write_items(vm, &t.items, out)?;
            if t.items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Value::Dict(d) => {
            let pairs = d.items();
            out.push('{');
            write_pairs(vm, &pairs, out)?;
            out.push('}');
        }
        Value::Set(s) | Value::FrozenSet(s) => {
            let items = s.items();
            let frozen = matches!(v, Value::FrozenSet(_));
            if items.is_empty() {
                out.push_str(if frozen { "frozenset()" } else { "set()" });
            } else {
                if frozen {
                    out.push_str("frozenset(");
                }
                out.push('{');
                write_items(vm, &items, out)?;
                out.push('}');
                if frozen {
                    out.push(')');
                }
            }
        }
        Value::DictView(view) => {
            let (name, items): (&str, Vec<Value>) = match view.kind {
                DictViewKind::Keys => ("dict_keys", view.dict.keys()),
                DictViewKind::Values => ("dict_values", view.dict.values()),
                DictViewKind::Items => (
                    "dict_items",
                    view.dict.items().into_iter().map(|(k, val)| Value::tuple(vec![k, val])).collect(),
                ),
            };
            out.push_str(name);
            out.push_str("([");
            write_items(vm, &items, out)?;
            out.push_str("])");
        }
        Value::Slice(s) => {
            out.push_str("slice(");
            write_repr(vm, &s.start, out)?;
            out.push_str(", ");
            write_repr(vm, &s.stop, out)?;
            out.push_str(", ");
            write_repr(vm, &s.step, out)?;
            out.push(')');
        }
        Value::Exception(e) => out.push_str(&crate::objects::exception::repr_of(vm, e)?),
        Value::Method(m) => match &m.func {
            Value::Native(n) => {
                let _ = write!(
                    out,
                    "<built-in method {} of {} object at {}>",
                    n.name,
                    m.self_value.type_id().name(),
                    address(&m.self_value)
                );
            }
            Value::Function(f) => {
                let _ = write!(out, "<bound method {} of ", f.qualname.borrow().as_str());
                write_repr(vm, &m.self_value, out)?;
                out.push('>');
            }
            other => {
                out.push_str("<bound method of ");
                write_repr(vm, other, out)?;
                out.push('>');
            }
        },
        other => write_repr(vm, other, out)?,
    }
    Ok(())
}
