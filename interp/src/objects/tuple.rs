//! `tuple`: CPython's tuple hash (the xxHash-based combination of the item hashes, 3.8+),
//! and the tuple methods.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::args::positional;
use crate::objects::slice::int_of;
use crate::objects::types::MethodTable;
use crate::ops;
use crate::value::{CallArgs, PyTuple, Value};
use crate::vm::Vm;

const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// Combine item hashes the way CPython's `tuplehash` does.
pub fn combine_hashes(item_hashes: impl ExactSizeIterator<Item = i64>) -> i64 {
    let len = item_hashes.len() as u64;
    let mut acc = XXPRIME_5;
    for h in item_hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add(len ^ (XXPRIME_5 ^ 3527539));
    if acc == u64::MAX {
        1546275796
    } else {
        acc as i64
    }
}

/// `hash(tuple)`: TypeError if an item is unhashable. Nested tuples are walked with an
/// explicit stack, so arbitrarily deep nesting cannot overflow the native stack.
pub fn hash(t: &Rc<PyTuple>) -> PyResult<i64> {
    // Each level: the tuple, the next item to hash, and the item hashes so far.
    let mut stack: Vec<(Rc<PyTuple>, usize, Vec<i64>)> = vec![(t.clone(), 0, Vec::with_capacity(t.items.len()))];
    while let Some((tuple, next, hashes)) = stack.last_mut() {
        if let Some(item) = tuple.items.get(*next) {
            *next += 1;
            match item {
                Value::Tuple(inner) => {
                    let inner = inner.clone();
                    let n = inner.items.len();
                    stack.push((inner, 0, Vec::with_capacity(n)));
                }
                other => hashes.push(ops::hash(other)?),
            }
        } else {
            let done = std::mem::take(hashes);
            stack.pop();
            let h = combine_hashes(done.into_iter());
            match stack.last_mut() {
                Some((_, _, parent)) => parent.push(h),
                None => return Ok(h),
            }
        }
    }
    Ok(combine_hashes(std::iter::empty()))
}

fn receiver<'a>(call: &CallArgs<'a>, name: &str) -> PyResult<&'a Rc<PyTuple>> {
    match call.args.first() {
        Some(Value::Tuple(t)) => Ok(t),
        // An instance of a subclass (`list.__getitem__(self, i)` in its own `__getitem__`):
        // the builtin value it extends.
        Some(Value::Object(o)) if matches!(o.base_value, Value::Tuple(_)) => match &o.base_value {
            Value::Tuple(t) => Ok(t),
            _ => unreachable!("checked by the guard"),
        },
        Some(other) => Err(PyErr::type_error(format!(
            "descriptor '{name}' for 'tuple' objects doesn't apply to a '{}' object",
            other.type_id().name()
        ))),
        None => Err(PyErr::type_error(format!("unbound method tuple.{name}() needs an argument"))),
    }
}

fn tuple_count(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let t = receiver(&call, "count")?.clone();
    let [x] = positional::<1>("tuple.count", &call, 1)?;
    let x = x.cloned().unwrap_or(Value::None);
    let mut count = 0i64;
    for item in t.items.iter() {
        if item.is(&x) || ops::eq(vm, item, &x)? {
            count += 1;
        }
    }
    Ok(Value::Int(count))
}

fn bound(v: Option<&Value>, default: i64, len: usize) -> PyResult<usize> {
    let i = match v {
        None => default,
        Some(v) => int_of(v).ok_or_else(|| {
            PyErr::type_error("slice indices must be integers or have an __index__ method")
        })?,
    } as i128;
    let len = len as i128;
    Ok(if i < 0 { (i + len).max(0) } else { i.min(len) } as usize)
}

fn tuple_index(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let t = receiver(&call, "index")?.clone();
    let [x, start, stop] = positional::<3>("tuple.index", &call, 1)?;
    let x = x.cloned().unwrap_or(Value::None);
    let n = t.items.len();
    let (start, stop) = (bound(start, 0, n)?, bound(stop, i64::MAX, n)?);
    for pos in start..stop {
        if let Some(item) = t.items.get(pos) {
            if item.is(&x) || ops::eq(vm, item, &x)? {
                return Ok(Value::Int(pos as i64));
            }
        }
    }
    Err(PyErr::value_error("tuple.index(x): x not in tuple"))
}

fn tuple_getitem_method(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let t = receiver(&call, "__getitem__")?;
    let [key] = positional::<1>("tuple.__getitem__", &call, 1)?;
    ops::getitem(vm, &Value::Tuple(t.clone()), key.unwrap_or(&Value::None))
}

fn tuple_len_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let t = receiver(&call, "__len__")?;
    positional::<0>("tuple.__len__", &call, 0)?;
    Ok(Value::Int(t.items.len() as i64))
}

/// Methods of `tuple`.
pub const METHODS: MethodTable = &[
    ("count", tuple_count),
    ("index", tuple_index),
    ("__getitem__", tuple_getitem_method),
    ("__len__", tuple_len_method),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuple_hash_matches_cpython() {
        // Recorded from CPython 3.11.
        assert_eq!(combine_hashes([1i64, 2].into_iter()), -3550055125485641917);
        assert_eq!(combine_hashes(std::iter::empty::<i64>()), 5740354900026072187);
        assert_eq!(combine_hashes([1i64].into_iter()), -6644214454873602895);
        assert_eq!(combine_hashes([-2i64, 0].into_iter()), 2575514064802888272);
        assert_eq!(combine_hashes([-3550055125485641917i64, 3].into_iter()), -333907151259015829);
    }
}
