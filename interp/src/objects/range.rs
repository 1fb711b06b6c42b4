//! `range`: length, indexing, slicing (a slice of a range is a range), O(1) membership for
//! ints, equality and hashing by the sequence it produces, and its methods.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::args::positional;
use crate::objects::slice::{self, int_of};
use crate::objects::types::MethodTable;
use crate::ops;
use crate::value::{CallArgs, PyRange, PySlice, Value};
use crate::vm::Vm;

/// Number of items (may exceed `usize` for huge i64 ranges, hence i128).
pub fn length(r: &PyRange) -> i128 {
    let (start, stop, step) = (r.start as i128, r.stop as i128, r.step as i128);
    if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    }
}

/// `len(range)`: OverflowError when it does not fit in a machine size.
pub fn len_checked(r: &PyRange) -> PyResult<usize> {
    let n = length(r);
    if n > isize::MAX as i128 {
        Err(PyErr::overflow("Python int too large to convert to C ssize_t"))
    } else {
        Ok(n as usize)
    }
}

/// The item at position `pos` (0 <= pos < length): always inside the i64 bounds.
fn item_at(r: &PyRange, pos: i128) -> i64 {
    (r.start as i128 + pos * r.step as i128) as i64
}

fn to_i64(v: i128) -> PyResult<i64> {
    i64::try_from(v).map_err(|_| PyErr::overflow("Python int too large to convert to C long"))
}

/// `range[key]`: an int for an index, a range for a slice.
pub fn getitem(r: &PyRange, key: &Value) -> PyResult<Value> {
    let n = length(r);
    match key {
        Value::Slice(s) => slice_range(r, s),
        Value::Int(_) | Value::Bool(_) => {
            let i = int_of(key).unwrap_or(0) as i128;
            let pos = if i < 0 { i + n } else { i };
            if pos < 0 || pos >= n {
                return Err(PyErr::index_error("range object index out of range"));
            }
            Ok(Value::Int(item_at(r, pos)))
        }
        Value::BigInt(_) => Err(PyErr::index_error("range object index out of range")),
        _ => Err(PyErr::type_error(format!(
            "range indices must be integers or slices, not {}",
            key.type_id().name()
        ))),
    }
}

/// `range[slice]`.
fn slice_range(r: &PyRange, s: &PySlice) -> PyResult<Value> {
    let n = length(r);
    // Resolve the slice against the range's length without truncating huge lengths.
    let len = usize::try_from(n).unwrap_or(usize::MAX);
    let sl = slice::resolve(s, len)?;
    let step = r.step as i128;
    let new_start = r.start as i128 + sl.start as i128 * step;
    let new_stop = r.start as i128 + sl.stop as i128 * step;
    let new_step = step * sl.step as i128;
    Ok(Value::Range(Rc::new(PyRange { start: to_i64(new_start)?, stop: to_i64(new_stop)?, step: to_i64(new_step)? })))
}

/// True if the int `x` is one of the range's items.
pub fn contains_int(r: &PyRange, x: i128) -> bool {
    let (start, stop, step) = (r.start as i128, r.stop as i128, r.step as i128);
    if step == 0 {
        return false;
    }
    let inside = if step > 0 { start <= x && x < stop } else { stop < x && x <= start };
    inside && (x - start) % step == 0
}

/// The int value of `v` if it is an int-like value with an exact integer value (ints, bools,
/// and integral floats, which compare equal to the corresponding int).
fn exact_int(v: &Value) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i as i128),
        Value::Bool(b) => Some(*b as i128),
        Value::Float(f) if f.get().fract() == 0.0 && f.get().abs() < 1e30 => Some(f.get() as i128),
        _ => None,
    }
}

/// `x in range`.
pub fn contains(vm: &mut Vm, r: &Rc<PyRange>, x: &Value) -> PyResult<bool> {
    match x {
        Value::Int(_) | Value::Bool(_) => Ok(contains_int(r, exact_int(x).unwrap_or(0))),
        Value::BigInt(_) => Ok(false),
        Value::Float(_) => Ok(exact_int(x).is_some_and(|i| contains_int(r, i))),
        _ => {
            // Other objects compare by equality with each item, like CPython's fallback.
            let n = length(r);
            let mut pos = 0i128;
            while pos < n {
                if ops::eq(vm, &Value::Int(item_at(r, pos)), x)? {
                    return Ok(true);
                }
                pos += 1;
            }
            Ok(false)
        }
    }
}

/// The position of `x` in the range, if present.
fn position(r: &PyRange, x: &Value) -> Option<i128> {
    let i = exact_int(x)?;
    if contains_int(r, i) {
        Some((i - r.start as i128) / r.step as i128)
    } else {
        None
    }
}

/// Range equality: equal when they produce the same sequence.
pub fn range_eq(a: &PyRange, b: &PyRange) -> bool {
    let n = length(a);
    if n != length(b) {
        return false;
    }
    if n == 0 {
        return true;
    }
    if a.start != b.start {
        return false;
    }
    n == 1 || a.step == b.step
}

/// `hash(range)`: the hash of `(len, start, step)` with the parts that do not matter for
/// equality replaced by None (as CPython does).
pub fn hash(r: &PyRange) -> PyResult<i64> {
    let n = length(r);
    let len_value = if n <= i64::MAX as i128 { Value::Int(n as i64) } else { Value::from_bigint(n.into()) };
    let parts = if n == 0 {
        vec![len_value, Value::None, Value::None]
    } else if n == 1 {
        vec![len_value, Value::Int(r.start), Value::None]
    } else {
        vec![len_value, Value::Int(r.start), Value::Int(r.step)]
    };
    ops::hash(&Value::tuple(parts))
}

/// `repr(range)`.
pub fn repr(r: &PyRange) -> String {
    if r.step == 1 {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }
}

fn receiver<'a>(call: &CallArgs<'a>, name: &str) -> PyResult<&'a Rc<PyRange>> {
    match call.args.first() {
        Some(Value::Range(r)) => Ok(r),
        Some(other) => Err(PyErr::type_error(format!(
            "descriptor '{name}' for 'range' objects doesn't apply to a '{}' object",
            other.type_id().name()
        ))),
        None => Err(PyErr::type_error(format!("unbound method range.{name}() needs an argument"))),
    }
}

fn range_count(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let r = receiver(&call, "count")?.clone();
    let [x] = positional::<1>("range.count", &call, 1)?;
    let x = x.cloned().unwrap_or(Value::None);
    match x {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) => {
            Ok(Value::Int(position(&r, &x).is_some() as i64))
        }
        _ => {
            let n = length(&r);
            let mut count = 0i64;
            let mut pos = 0i128;
            while pos < n {
                if ops::eq(vm, &Value::Int(item_at(&r, pos)), &x)? {
                    count += 1;
                }
                pos += 1;
            }
            Ok(Value::Int(count))
        }
    }
}

fn range_index(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let r = receiver(&call, "index")?.clone();
    let [x] = positional::<1>("range.index", &call, 1)?;
    let x = x.cloned().unwrap_or(Value::None);
    let found = match x {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) => position(&r, &x),
        _ => {
            let n = length(&r);
            let mut pos = 0i128;
            let mut found = None;
            while pos < n {
                if ops::eq(vm, &Value::Int(item_at(&r, pos)), &x)? {
                    found = Some(pos);
                    break;
                }
                pos += 1;
            }
            found
        }
    };
    match found {
        Some(p) => Ok(Value::Int(to_i64(p)?)),
        None => {
            let shown = ops::repr(vm, &x)?;
            Err(PyErr::value_error(format!("{shown} is not in range")))
        }
    }
}

/// Methods of `range`.
pub const METHODS: MethodTable = &[("count", range_count), ("index", range_index)];

#[cfg(test)]
mod tests {
    use super::*;

    fn rg(start: i64, stop: i64, step: i64) -> PyRange {
        PyRange { start, stop, step }
    }

    #[test]
    fn lengths() {
        assert_eq!(length(&rg(0, 10, 3)), 4);
        assert_eq!(length(&rg(10, 0, -3)), 4);
        assert_eq!(length(&rg(0, 0, 1)), 0);
        assert_eq!(length(&rg(i64::MIN, i64::MAX, 1)), u64::MAX as i128);
        assert!(len_checked(&rg(i64::MIN, i64::MAX, 1)).is_err());
    }

    #[test]
    fn slicing_gives_ranges() {
        // range(0, 10, 2)[1:3] == range(2, 6, 2); range(10)[::-1] == range(9, -1, -1)
        let s = PySlice { start: Value::Int(1), stop: Value::Int(3), step: Value::None };
        match slice_range(&rg(0, 10, 2), &s) {
            Ok(Value::Range(r)) => assert_eq!((r.start, r.stop, r.step), (2, 6, 2)),
            _ => panic!("expected a range"),
        }
        let s = PySlice { start: Value::None, stop: Value::None, step: Value::Int(-1) };
        match slice_range(&rg(0, 10, 1), &s) {
            Ok(Value::Range(r)) => assert_eq!((r.start, r.stop, r.step), (9, -1, -1)),
            _ => panic!("expected a range"),
        }
    }

    #[test]
    fn membership_and_equality() {
        let r = rg(1, 20, 3);
        assert!(contains_int(&r, 19));
        assert!(!contains_int(&r, 20));
        assert!(!contains_int(&r, 2));
        assert!(contains_int(&rg(10, 0, -2), 2));
        assert!(!contains_int(&rg(10, 0, -2), 0));
        assert!(range_eq(&rg(0, 0, 1), &rg(5, 1, 3)));
        assert!(range_eq(&rg(0, 3, 5), &rg(0, 1, 7)));
        assert!(!range_eq(&rg(0, 6, 2), &rg(0, 6, 3)));
        assert_eq!(repr(&rg(0, 5, 1)), "range(0, 5)");
        assert_eq!(repr(&rg(0, 10, 2)), "range(0, 10, 2)");
    }
}
