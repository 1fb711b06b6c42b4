//! `list`: slicing, slice assignment and deletion, repetition, the stable sort, and the list
//! methods. No `RefCell` borrow of a list's items is held while Python code can run
//! (comparisons, key functions): items are cloned out first.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::args::{check_no_kwargs, positional};
use crate::objects::slice::{self, int_of, SliceRange};
use crate::objects::types::MethodTable;
use crate::ops;
use crate::value::{CallArgs, PyList, PySlice, Value};
use crate::vm::Vm;

/// A vector with room for `n` items, or MemoryError.
pub fn vec_with_capacity(n: usize) -> PyResult<Vec<Value>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| PyErr::memory_error())?;
    Ok(v)
}

/// `items * n` as a new vector (negative counts give an empty one).
pub fn repeat_items(items: &[Value], n: i64) -> PyResult<Vec<Value>> {
    if n <= 0 || items.is_empty() {
        return Ok(Vec::new());
    }
    let total = items
        .len()
        .checked_mul(n as usize)
        .filter(|&t| t <= isize::MAX as usize / std::mem::size_of::<Value>())
        .ok_or_else(PyErr::memory_error)?;
    let mut out = vec_with_capacity(total)?;
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    Ok(out)
}

/// `a + b` of two item slices.
pub fn concat_items(a: &[Value], b: &[Value]) -> PyResult<Vec<Value>> {
    let total = a.len().checked_add(b.len()).ok_or_else(PyErr::memory_error)?;
    let mut out = vec_with_capacity(total)?;
    out.extend_from_slice(a);
    out.extend_from_slice(b);
    Ok(out)
}

/// The items a resolved slice selects.
pub fn slice_items(items: &[Value], r: &SliceRange) -> PyResult<Vec<Value>> {
    if r.step == 1 {
        let start = r.start.max(0) as usize;
        return Ok(items.get(start..start + r.len).map(|s| s.to_vec()).unwrap_or_default());
    }
    let mut out = vec_with_capacity(r.len)?;
    out.extend(r.positions().filter_map(|p| items.get(p).cloned()));
    Ok(out)
}

/// `list[slice]`.
pub fn getitem_slice(list: &PyList, s: &PySlice) -> PyResult<Value> {
    let items = list.items.borrow();
    let r = slice::resolve(s, items.len())?;
    Ok(Value::list(slice_items(&items, &r)?))
}

/// `list[slice] = iterable`.
pub fn setitem_slice(vm: &mut Vm, list: &Rc<PyList>, s: &PySlice, value: &Value) -> PyResult<()> {
    // Collect first: the value may be the list itself, or an iterator running Python code.
    let mut new_items = match value {
        // A list nothing else refers to (a temporary like `a[::-1]`): its items are taken,
        // not copied. It is never `list` itself, which its caller holds too.
        Value::List(l) if Rc::strong_count(l) == 1 && l.items.try_borrow_mut().is_ok() => std::mem::take(&mut *l.items.borrow_mut()),
        Value::List(l) => l.items.borrow().clone(),
        Value::Tuple(t) => t.items.to_vec(),
        _ => {
            let it = ops::get_iter(vm, value).map_err(|_| PyErr::type_error("can only assign an iterable"))?;
            ops::collect(vm, &it)?
        }
    };
    let mut items = list.items.borrow_mut();
    let r = slice::resolve(s, items.len())?;
    if r.step == 1 {
        let start = r.start.max(0) as usize;
        let stop = (start + r.len).min(items.len());
        if new_items.len() == stop - start {
            // The same length: the values trade places, and the old ones are dropped once
            // the list is no longer borrowed.
            if let Some(target) = items.get_mut(start..stop) {
                target.swap_with_slice(&mut new_items);
            }
            drop(items);
            drop(new_items);
            return Ok(());
        }
        if new_items.len() > r.len {
            items.try_reserve(new_items.len() - r.len).map_err(|_| PyErr::memory_error())?;
        }
        let removed: Vec<Value> = items.splice(start..stop, new_items).collect();
        drop(items);
        drop(removed);
        return Ok(());
    }
    if new_items.len() != r.len {
        return Err(PyErr::value_error(format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            new_items.len(),
            r.len
        )));
    }
    let mut old = Vec::with_capacity(r.len);
    for (pos, v) in r.positions().zip(new_items) {
        if let Some(slot) = items.get_mut(pos) {
            old.push(std::mem::replace(slot, v));
        }
    }
    drop(items);
    drop(old);
    Ok(())
}

/// `del list[slice]`.
pub fn delitem_slice(list: &PyList, s: &PySlice) -> PyResult<()> {
    let mut items = list.items.borrow_mut();
    let r = slice::resolve(s, items.len())?;
    if r.len == 0 {
        return Ok(());
    }
    let removed: Vec<Value> = if r.step == 1 {
        let start = r.start.max(0) as usize;
        items.drain(start..start + r.len).collect()
    } else {
        let (lo, step) = if r.step > 0 {
            (r.start as usize, r.step as usize)
        } else {
            let last = r.start as i128 + (r.len as i128 - 1) * r.step as i128;
            (last as usize, r.step.unsigned_abs() as usize)
        };
        let mut removed = Vec::with_capacity(r.len);
        let mut kept = Vec::with_capacity(items.len() - r.len);
        for (i, v) in std::mem::take(&mut *items).into_iter().enumerate() {
            if i >= lo && (i - lo) % step == 0 && (i - lo) / step < r.len {
                removed.push(v);
            } else {
                kept.push(v);
            }
        }
        *items = kept;
        removed
    };
    drop(items);
    drop(removed);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Sorting.

/// Stable sort of `items` by `ops::lt` on `keys` (the items themselves when `keys` is None),
/// in reverse order when `reverse`. On error `items` is left unchanged.
pub fn sort_values(vm: &mut Vm, items: &mut Vec<Value>, keys: Option<Vec<Value>>, reverse: bool) -> PyResult<()> {
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    // Without a key, homogeneous ints / strs / non-NaN floats sort in place directly.
    if keys.is_none() && sort_homogeneous(items, reverse) {
        return Ok(());
    }
    let mut keys = keys;
    // Reversing before and after a stable ascending sort gives a stable descending sort.
    if reverse {
        items.reverse();
        if let Some(k) = keys.as_mut() {
            k.reverse();
        }
    }
    let perm = {
        let key_slice: &[Value] = keys.as_deref().unwrap_or(items.as_slice());
        match fast_permutation(key_slice) {
            Some(p) => p,
            None => {
                let key_vec = key_slice.to_vec();
                let result = merge_sort(n, &mut |a, b| ops::lt(vm, &key_vec[a], &key_vec[b]));
                match result {
                    Ok(p) => p,
                    Err(e) => {
                        if reverse {
                            items.reverse();
                        }
                        return Err(e);
                    }
                }
            }
        }
    };
    let mut sorted = Vec::with_capacity(n);
    let mut old: Vec<Option<Value>> = std::mem::take(items).into_iter().map(Some).collect();
    for p in perm {
        if let Some(v) = old.get_mut(p).and_then(Option::take) {
            sorted.push(v);
        }
    }
    if reverse {
        sorted.reverse();
    }
    *items = sorted;
    Ok(())
}

/// Sort `items` in place when they are all ints, all strs or all non-NaN floats (stable, and
/// descending-stable with `reverse`); false (items untouched) otherwise.
fn sort_homogeneous(items: &mut [Value], reverse: bool) -> bool {
    use std::cmp::Ordering;
    let cmp: fn(&Value, &Value) -> Ordering = if items.iter().all(|k| matches!(k, Value::Int(_))) {
        |a, b| match (a, b) {
            (Value::Int(x), Value::Int(y)) => x.cmp(y),
            _ => Ordering::Equal,
        }
    } else if items.iter().all(|k| matches!(k, Value::Str(_))) {
        |a, b| match (a, b) {
            (Value::Str(x), Value::Str(y)) => x.as_str().cmp(y.as_str()),
            _ => Ordering::Equal,
        }
    } else if items.iter().all(|k| matches!(k, Value::Float(f) if !f.get().is_nan())) {
        |a, b| match (a, b) {
            (Value::Float(x), Value::Float(y)) => x.get().partial_cmp(&y.get()).unwrap_or(Ordering::Equal),
            _ => Ordering::Equal,
        }
    } else {
        return false;
    };
    // Reverse, stable ascending sort, reverse: a stable descending sort (CPython's way).
    if reverse {
        items.reverse();
    }
    items.sort_by(cmp);
    if reverse {
        items.reverse();
    }
    true
}

/// A sorting permutation without calling `ops::lt`, when every key is an int, every key a
/// str, or every key a non-NaN float.
fn fast_permutation(keys: &[Value]) -> Option<Vec<usize>> {
    let mut perm: Vec<usize> = (0..keys.len()).collect();
    if keys.iter().all(|k| matches!(k, Value::Int(_))) {
        let ints: Vec<i64> = keys.iter().map(|k| if let Value::Int(i) = k { *i } else { 0 }).collect();
        perm.sort_by_key(|&i| ints[i]);
        return Some(perm);
    }
    if keys.iter().all(|k| matches!(k, Value::Str(_))) {
        let strs: Vec<&str> = keys.iter().map(|k| if let Value::Str(s) = k { s.as_str() } else { "" }).collect();
        perm.sort_by(|&a, &b| strs[a].cmp(strs[b]));
        return Some(perm);
    }
    if keys.iter().all(|k| matches!(k, Value::Float(f) if !f.get().is_nan())) {
        let floats: Vec<f64> = keys.iter().map(|k| if let Value::Float(f) = k { f.get() } else { 0.0 }).collect();
        perm.sort_by(|&a, &b| floats[a].partial_cmp(&floats[b]).unwrap_or(std::cmp::Ordering::Equal));
        return Some(perm);
    }
    None
}

/// Elements per insertion-sorted run before merging.
const MIN_RUN: usize = 32;

/// Stable merge sort of positions `0..n` by a fallible strict "less than" (`less(a, b)` means
/// item a sorts before item b). Robust against inconsistent comparisons: it always finishes
/// with a permutation.
pub fn merge_sort(n: usize, less: &mut dyn FnMut(usize, usize) -> PyResult<bool>) -> PyResult<Vec<usize>> {
    let mut perm: Vec<usize> = (0..n).collect();
    // Binary insertion sort on short runs.
    let mut run_start = 0;
    while run_start < n {
        let run_end = (run_start + MIN_RUN).min(n);
        for i in run_start + 1..run_end {
            let x = perm[i];
            if !less(x, perm[i - 1])? {
                continue;
            }
            let (mut lo, mut hi) = (run_start, i - 1);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if less(x, perm[mid])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            perm[lo..=i].rotate_right(1);
        }
        run_start = run_end;
    }
    // Bottom-up merging of neighbouring runs.
    let mut width = MIN_RUN;
    let mut left_copy: Vec<usize> = Vec::new();
    while width < n {
        let mut left = 0;
        while left < n {
            let mid = (left + width).min(n);
            let right = (left + 2 * width).min(n);
            if mid < right && less(perm[mid], perm[mid - 1])? {
                left_copy.clear();
                left_copy.extend_from_slice(&perm[left..mid]);
                let (mut i, mut j, mut k) = (0, mid, left);
                while i < left_copy.len() && j < right {
                    if less(perm[j], left_copy[i])? {
                        perm[k] = perm[j];
                        j += 1;
                    } else {
                        perm[k] = left_copy[i];
                        i += 1;
                    }
                    k += 1;
                }
                while i < left_copy.len() {
                    perm[k] = left_copy[i];
                    i += 1;
                    k += 1;
                }
            }
            left = right;
        }
        width = width.saturating_mul(2);
    }
    Ok(perm)
}

// ---------------------------------------------------------------------------------------------
// Methods.

fn receiver<'a>(call: &CallArgs<'a>, name: &str) -> PyResult<&'a Rc<PyList>> {
    match call.args.first() {
        Some(Value::List(l)) => Ok(l),
        // An instance of a subclass (`list.__getitem__(self, i)` in its own `__getitem__`):
        // the builtin value it extends.
        Some(Value::Object(o)) if matches!(o.base_value, Value::List(_)) => match &o.base_value {
            Value::List(l) => Ok(l),
            _ => unreachable!("checked by the guard"),
        },
        Some(other) => Err(PyErr::type_error(format!(
            "descriptor '{name}' for 'list' objects doesn't apply to a '{}' object",
            other.type_id().name()
        ))),
        None => Err(PyErr::type_error(format!("unbound method list.{name}() needs an argument"))),
    }
}

fn list_append(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    if let ([Value::List(l), v], true) = (call.args, call.kwnames.is_empty()) {
        let mut items = l.items.borrow_mut();
        items.try_reserve(1).map_err(|_| PyErr::memory_error())?;
        items.push(v.clone());
        return Ok(Value::None);
    }
    receiver(&call, "append")?;
    positional::<1>("list.append", &call, 1)?;
    Ok(Value::None)
}

/// Append every item of `iterable` to `list` (`list.extend`, `list += iterable`).
pub fn extend(vm: &mut Vm, list: &Rc<PyList>, iterable: &Value) -> PyResult<()> {
    let new_items = ops::collect(vm, iterable)?;
    let mut items = list.items.borrow_mut();
    items.try_reserve(new_items.len()).map_err(|_| PyErr::memory_error())?;
    items.extend(new_items);
    Ok(())
}

fn list_extend(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "extend")?.clone();
    let [iterable] = positional::<1>("list.extend", &call, 1)?;
    extend(vm, &l, iterable.unwrap_or(&Value::None))?;
    Ok(Value::None)
}

fn index_arg(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(int_of(v).unwrap_or(0)),
        _ => Err(PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", v.type_id().name()))),
    }
}

fn list_insert(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "insert")?;
    let [index, value] = positional::<2>("list.insert", &call, 2)?;
    let index = index_arg(index.unwrap_or(&Value::None))?;
    let value = value.cloned().unwrap_or(Value::None);
    let mut items = l.items.borrow_mut();
    let n = items.len() as i128;
    let mut pos = index as i128;
    if pos < 0 {
        pos += n;
        if pos < 0 {
            pos = 0;
        }
    }
    if pos > n {
        pos = n;
    }
    items.try_reserve(1).map_err(|_| PyErr::memory_error())?;
    items.insert(pos as usize, value);
    Ok(Value::None)
}

fn list_pop(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "pop")?;
    let [index] = positional::<1>("list.pop", &call, 0)?;
    let mut items = l.items.borrow_mut();
    if items.is_empty() {
        return Err(PyErr::index_error("pop from empty list"));
    }
    let pos = match index {
        None => items.len() - 1,
        Some(v) => {
            let i = index_arg(v)?;
            slice::normalize_index(i, items.len()).ok_or_else(|| PyErr::index_error("pop index out of range"))?
        }
    };
    Ok(items.remove(pos))
}

/// The item at `pos` of a list, if it still exists (cloned so no borrow is held).
fn item_at(list: &PyList, pos: usize) -> Option<Value> {
    list.items.borrow().get(pos).cloned()
}

fn list_remove(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "remove")?.clone();
    let [x] = positional::<1>("list.remove", &call, 1)?;
    let x = x.cloned().unwrap_or(Value::None);
    let mut pos = 0;
    while let Some(item) = item_at(&l, pos) {
        if item.is(&x) || ops::eq(vm, &item, &x)? {
            let mut items = l.items.borrow_mut();
            if pos < items.len() {
                let removed = items.remove(pos);
                drop(items);
                drop(removed);
            }
            return Ok(Value::None);
        }
        pos += 1;
    }
    Err(PyErr::value_error("list.remove(x): x not in list"))
}

/// Position of `x` in `items[start..stop]`-style bounds given as values.
fn search_bounds(start: Option<&Value>, stop: Option<&Value>, len: usize) -> PyResult<(usize, usize)> {
    let fix = |v: Option<&Value>, default: i64| -> PyResult<usize> {
        let i = match v {
            None => default,
            Some(v) => int_of(v).ok_or_else(|| {
                PyErr::type_error("slice indices must be integers or have an __index__ method")
            })?,
        };
        let i = i as i128;
        let len = len as i128;
        Ok(if i < 0 { (i + len).max(0) } else { i.min(len) } as usize)
    };
    Ok((fix(start, 0)?, fix(stop, i64::MAX)?))
}

fn list_index(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "index")?.clone();
    let [x, start, stop] = positional::<3>("list.index", &call, 1)?;
    let x = x.cloned().unwrap_or(Value::None);
    let len = l.items.borrow().len();
    let (start, stop) = search_bounds(start, stop, len)?;
    let mut pos = start;
    while pos < stop {
        let Some(item) = item_at(&l, pos) else { break };
        if item.is(&x) || ops::eq(vm, &item, &x)? {
            return Ok(Value::Int(pos as i64));
        }
        pos += 1;
    }
    let shown = ops::repr(vm, &x)?;
    Err(PyErr::value_error(format!("{shown} is not in list")))
}

fn list_count(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "count")?.clone();
    let [x] = positional::<1>("list.count", &call, 1)?;
    let x = x.cloned().unwrap_or(Value::None);
    let mut count = 0i64;
    let mut pos = 0;
    while let Some(item) = item_at(&l, pos) {
        if item.is(&x) || ops::eq(vm, &item, &x)? {
            count += 1;
        }
        pos += 1;
    }
    Ok(Value::Int(count))
}

/// `list.sort(key=None, reverse=False)` on a list object.
pub fn sort_list(vm: &mut Vm, list: &Rc<PyList>, key: Option<&Value>, reverse: bool) -> PyResult<()> {
    let mut items = std::mem::take(&mut *list.items.borrow_mut());
    let keys = match key {
        None | Some(Value::None) => None,
        Some(f) => {
            let mut keys = Vec::with_capacity(items.len());
            for item in &items {
                match vm.call(f, std::slice::from_ref(item)) {
                    Ok(k) => keys.push(k),
                    Err(e) => {
                        restore(list, items);
                        return Err(e);
                    }
                }
            }
            Some(keys)
        }
    };
    let result = sort_values(vm, &mut items, keys, reverse);
    let modified = restore(list, items);
    result?;
    if modified {
        return Err(PyErr::value_error("list modified during sort"));
    }
    Ok(())
}

/// Put the sorted items back; returns true if the list was changed meanwhile.
fn restore(list: &PyList, items: Vec<Value>) -> bool {
    let mut slot = list.items.borrow_mut();
    let intruders = std::mem::replace(&mut *slot, items);
    drop(slot);
    let modified = !intruders.is_empty();
    drop(intruders);
    modified
}

fn list_sort(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "sort")?.clone();
    if call.positional().len() > 1 {
        return Err(PyErr::type_error("sort() takes no positional arguments"));
    }
    let mut key = None;
    let mut reverse = false;
    for (name, v) in call.keywords() {
        match name {
            "key" => key = Some(v),
            "reverse" => reverse = ops::truthy(vm, v)?,
            other => {
                return Err(PyErr::type_error(format!("'{other}' is an invalid keyword argument for sort()")))
            }
        }
    }
    sort_list(vm, &l, key, reverse)?;
    Ok(Value::None)
}

fn list_reverse(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "reverse")?;
    positional::<0>("list.reverse", &call, 0)?;
    l.items.borrow_mut().reverse();
    Ok(Value::None)
}

fn list_copy(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "copy")?;
    positional::<0>("list.copy", &call, 0)?;
    let items = l.items.borrow().clone();
    Ok(Value::list(items))
}

fn list_clear(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "clear")?;
    positional::<0>("list.clear", &call, 0)?;
    let old = std::mem::take(&mut *l.items.borrow_mut());
    drop(old);
    Ok(Value::None)
}

fn list_getitem_method(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "__getitem__")?;
    let [key] = positional::<1>("list.__getitem__", &call, 1)?;
    ops::getitem(vm, &Value::List(l.clone()), key.unwrap_or(&Value::None))
}

fn list_len_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let l = receiver(&call, "__len__")?;
    check_no_kwargs("list.__len__", &call)?;
    let n = l.items.borrow().len();
    Ok(Value::Int(n as i64))
}

/// Methods of `list`.
pub const METHODS: MethodTable = &[
    ("append", list_append),
    ("extend", list_extend),
    ("insert", list_insert),
    ("pop", list_pop),
    ("remove", list_remove),
    ("index", list_index),
    ("count", list_count),
    ("sort", list_sort),
    ("reverse", list_reverse),
    ("copy", list_copy),
    ("clear", list_clear),
    ("__getitem__", list_getitem_method),
    ("__len__", list_len_method),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn sort_pairs(pairs: &[(i64, i64)]) -> Vec<(i64, i64)> {
        // Sort by the first element only, with the generic merge sort (checks stability).
        let perm = merge_sort(pairs.len(), &mut |a, b| Ok(pairs[a].0 < pairs[b].0)).unwrap_or_default();
        perm.into_iter().map(|i| pairs[i]).collect()
    }

    #[test]
    fn merge_sort_is_stable() {
        let mut pairs = Vec::new();
        for i in 0..500i64 {
            pairs.push(((i * 7919) % 13, i));
        }
        let sorted = sort_pairs(&pairs);
        assert_eq!(sorted.len(), pairs.len());
        for w in sorted.windows(2) {
            assert!(w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1));
        }
    }

    #[test]
    fn merge_sort_survives_inconsistent_comparisons() {
        let mut flip = false;
        let perm = merge_sort(200, &mut |_, _| {
            flip = !flip;
            Ok(flip)
        })
        .unwrap_or_default();
        let mut seen = perm.clone();
        seen.sort_unstable();
        assert_eq!(seen, (0..200).collect::<Vec<_>>());
    }

    #[test]
    fn repeat_overflow_is_memory_error() {
        let items = vec![Value::Int(0)];
        assert!(repeat_items(&items, 1 << 62).is_err());
        assert_eq!(repeat_items(&items, -3).map(|v| v.len()).unwrap_or(99), 0);
        assert_eq!(repeat_items(&items, 3).map(|v| v.len()).unwrap_or(0), 3);
    }
}
