//! Generic operations on values: the semantics behind operators, truth, hashing, equality,
//! attribute access, subscripts, iteration, repr/str and format. The VM's handlers and the
//! builtins call these; type-specific work is delegated to `objects::*`.
//!
//! Numbers go to `objects::number` first (it answers `None` for non-numbers); the containers
//! and strings are handled here and in their object modules.

use std::borrow::Cow;
use std::cell::Cell;
use std::rc::Rc;

use crate::bytecode::opcodes::{BinaryOp, CompareOp};
use crate::error::{PyErr, PyResult};
use crate::objects::bytes;
use crate::objects::dict::{self, PyDict};
use crate::objects::iter::{self, IterKind};
use crate::objects::set::{self, PySet};
use crate::objects::str::PyStr;
use crate::objects::types::{type_of, PyType, TypeId};
use crate::objects::{dunder, instance, int, list, number, range, repr as reprs, slice, str as pystr, strformat, tuple};
use crate::value::{DictViewKind, PyMethod, Value};
use crate::vm::Vm;

// ---------------------------------------------------------------------------------------------
// Nesting guard for the recursive comparisons and hashes of containers.

thread_local! {
    static NESTING: Cell<usize> = const { Cell::new(0) };
    static NESTING_LIMIT: Cell<usize> = const { Cell::new(crate::vm::DEFAULT_RECURSION_LIMIT) };
}

/// Hard ceiling on native recursion through nested containers, whatever the recursion limit.
const MAX_NATIVE_NESTING: usize = 20_000;

/// One level of native recursion through nested containers or iterators; released on drop.
pub(crate) struct Nest;

impl Nest {
    /// Enter one level; RecursionError "maximum recursion depth exceeded{what}" when too deep.
    pub(crate) fn enter(what: &str) -> PyResult<Nest> {
        NESTING.with(|n| {
            let depth = n.get();
            if depth >= NESTING_LIMIT.with(Cell::get).min(MAX_NATIVE_NESTING) {
                Err(PyErr::new(TypeId::RecursionError, format!("maximum recursion depth exceeded{what}")))
            } else {
                n.set(depth + 1);
                Ok(Nest)
            }
        })
    }
}

impl Drop for Nest {
    fn drop(&mut self) {
        NESTING.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

/// Follow the VM's recursion limit for container nesting.
fn sync_limit(vm: &Vm) {
    NESTING_LIMIT.with(|l| l.set(vm.recursion_limit));
}

/// The name of `v`'s type as Python shows it in messages.
fn tname(v: &Value) -> Cow<'static, str> {
    match v {
        Value::Exception(e) => Cow::Owned(e.ty.name.to_string()),
        Value::Object(_) | Value::Type(_) => Cow::Owned(type_of(v).name.to_string()),
        _ => Cow::Borrowed(v.type_id().name()),
    }
}

/// The name of `v`'s builtin type.
pub fn type_name(v: &Value) -> &'static str {
    v.type_id().name()
}

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_))
}

// ---------------------------------------------------------------------------------------------
// Hashing and equality.

/// CPython's hash of an object without its own hash: its address, rotated by 4 bits.
fn pointer_hash(ptr: usize) -> i64 {
    let h = ptr.rotate_right(4) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Interim float hash, used only while `number::hash` does not answer for floats.
fn fallback_float_hash(f: f64) -> i64 {
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        int::hash_i64(f as i64)
    } else if f.is_nan() {
        0
    } else {
        let h = (f.to_bits() >> 3) as i64;
        if h == -1 {
            -2
        } else {
            h
        }
    }
}

fn unhashable(v: &Value) -> PyErr {
    PyErr::type_error(format!("unhashable type: '{}'", tname(v)))
}

/// Python `hash(v)` for builtin values; TypeError for unhashable ones.
pub fn hash(v: &Value) -> PyResult<i64> {
    match v {
        Value::Str(s) => Ok(s.hash_value()),
        Value::Int(i) => Ok(int::hash_i64(*i)),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(f) => Ok(number::hash(v).unwrap_or_else(|| fallback_float_hash(f.get()))),
        Value::BigInt(_) => number::hash(v).ok_or_else(|| PyErr::unsupported("hash() of big ints")),
        Value::None => Ok(0xFCA86420),
        Value::Ellipsis => Ok(0x5E11_7515),
        Value::NotImplemented => Ok(0x0407_1DE5),
        Value::Null => Ok(0),
        Value::Tuple(t) => tuple::hash(t),
        Value::FrozenSet(s) => Ok(s.frozen_hash()),
        Value::Range(r) => range::hash(r),
        Value::Object(_) => dunder::hash_without_vm(v),
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::DictView(_) | Value::Slice(_) => Err(unhashable(v)),
        Value::Bytes(b) => Ok(bytes::hash(&b.data)),
        Value::ByteArray(_) => Err(unhashable(v)),
        Value::Method(m) => {
            let self_hash = match m.self_value.heap_ptr() {
                Some(p) => pointer_hash(p),
                None => hash(&m.self_value)?,
            };
            let h = self_hash ^ pointer_hash(m.func.heap_ptr().unwrap_or(0));
            Ok(if h == -1 { -2 } else { h })
        }
        _ => Ok(pointer_hash(v.heap_ptr().unwrap_or(0))),
    }
}

/// Interim numeric equality, used only while `number::eq` does not answer.
fn fallback_number_eq(a: &Value, b: &Value) -> bool {
    let as_f64 = |v: &Value| -> Option<f64> {
        match v {
            Value::Int(i) => Some(*i as f64),
            Value::Bool(b) => Some(*b as i64 as f64),
            Value::Float(f) => Some(f.get()),
            _ => None,
        }
    };
    match (a, b) {
        (Value::Int(_) | Value::Bool(_), Value::Int(_) | Value::Bool(_)) => {
            slice::int_of(a) == slice::int_of(b)
        }
        (Value::BigInt(x), Value::BigInt(y)) => x == y,
        _ => match (as_f64(a), as_f64(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

/// Element-wise equality of two item slices (identity first, like CPython).
fn items_eq(a: &[Value], b: &[Value]) -> PyResult<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    let _nest = Nest::enter(" in comparison")?;
    for (x, y) in a.iter().zip(b.iter()) {
        if !(x.is(y) || eq_builtin(x, y)?) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn dict_eq(a: &PyDict, b: &PyDict) -> PyResult<bool> {
    if std::ptr::eq(a, b) {
        return Ok(true);
    }
    if a.len() != b.len() {
        return Ok(false);
    }
    let _nest = Nest::enter(" in comparison")?;
    for (k, v) in a.items() {
        match b.get(&k)? {
            Some(w) => {
                if !(v.is(&w) || eq_builtin(&v, &w)?) {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// True if `v` is a set, frozenset, or dict keys/items view.
fn is_set_like(v: &Value) -> bool {
    match v {
        Value::Set(_) | Value::FrozenSet(_) => true,
        Value::DictView(view) => view.kind != DictViewKind::Values,
        _ => false,
    }
}

/// `item in v` for a set-like value (no Python code runs).
fn set_like_contains(v: &Value, item: &Value) -> PyResult<bool> {
    match v {
        Value::Set(s) | Value::FrozenSet(s) => s.contains(item),
        Value::DictView(view) => match view.kind {
            DictViewKind::Keys => view.dict.contains_key(item),
            DictViewKind::Items => items_view_contains(&view.dict, item),
            DictViewKind::Values => Ok(false),
        },
        _ => Ok(false),
    }
}

fn set_like_items(v: &Value) -> Vec<Value> {
    match v {
        Value::Set(s) | Value::FrozenSet(s) => s.items(),
        Value::DictView(view) => match view.kind {
            DictViewKind::Keys => view.dict.keys(),
            DictViewKind::Items => view.dict.items().into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect(),
            DictViewKind::Values => view.dict.values(),
        },
        _ => Vec::new(),
    }
}

fn set_like_len(v: &Value) -> usize {
    match v {
        Value::Set(s) | Value::FrozenSet(s) => s.len(),
        Value::DictView(view) => view.dict.len(),
        _ => 0,
    }
}

/// Every item of set-like `a` is in set-like `b`.
fn set_like_subset(a: &Value, b: &Value) -> PyResult<bool> {
    if let (Value::Set(x) | Value::FrozenSet(x), Value::Set(y) | Value::FrozenSet(y)) = (a, b) {
        return x.is_subset(y);
    }
    if set_like_len(a) > set_like_len(b) {
        return Ok(false);
    }
    for item in set_like_items(a) {
        if !set_like_contains(b, &item)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn items_view_contains(dict: &PyDict, item: &Value) -> PyResult<bool> {
    let Value::Tuple(t) = item else { return Ok(false) };
    if t.items.len() != 2 {
        return Ok(false);
    }
    match dict.get(&t.items[0])? {
        Some(v) => Ok(v.is(&t.items[1]) || eq_builtin(&v, &t.items[1])?),
        None => Ok(false),
    }
}

/// Key equality of the hash tables (dict, set): identity, then `eq_builtin`. Int keys are
/// compared inline, str keys without either call (`key_eq_other`); the inline part stays
/// small so that the tables' probe loops keep it inlined.
#[inline(always)]
pub fn key_eq(stored: &Value, key: &Value) -> PyResult<bool> {
    if let (Value::Int(x), Value::Int(y)) = (stored, key) {
        return Ok(x == y);
    }
    key_eq_other(stored, key)
}

/// `key_eq` of keys other than two ints.
#[inline(never)]
fn key_eq_other(stored: &Value, key: &Value) -> PyResult<bool> {
    match (stored, key) {
        (Value::Str(x), Value::Str(y)) => Ok(Rc::ptr_eq(x, y) || x.s == y.s),
        _ => Ok(stored.is(key) || eq_builtin(stored, key)?),
    }
}

/// Equality of builtin values (numeric types compare across int/float/bool). Cannot call
/// Python code, so containers (dict, set) can use it while borrowed.
pub fn eq_builtin(a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => return Ok(x == y),
        (Value::Str(x), Value::Str(y)) => return Ok(Rc::ptr_eq(x, y) || x.s == y.s),
        (Value::Object(_), _) | (_, Value::Object(_)) => return dunder::eq_without_vm(a, b),
        _ => {}
    }
    if let Some(r) = number::eq(a, b) {
        return Ok(r);
    }
    Ok(match (a, b) {
        _ if is_number(a) && is_number(b) => fallback_number_eq(a, b),
        (Value::List(x), Value::List(y)) => Rc::ptr_eq(x, y) || items_eq(&x.items.borrow(), &y.items.borrow())?,
        (Value::Tuple(x), Value::Tuple(y)) => Rc::ptr_eq(x, y) || items_eq(&x.items, &y.items)?,
        (Value::Dict(x), Value::Dict(y)) => dict_eq(x, y)?,
        (Value::Set(x) | Value::FrozenSet(x), Value::Set(y) | Value::FrozenSet(y)) => {
            let _nest = Nest::enter(" in comparison")?;
            x.set_eq(y)?
        }
        (Value::Range(x), Value::Range(y)) => range::range_eq(x, y),
        (Value::Bytes(_) | Value::ByteArray(_), Value::Bytes(_) | Value::ByteArray(_)) => {
            bytes::compare(CompareOp::Eq, a, b).unwrap_or(false)
        }
        (Value::DictView(_), _) | (_, Value::DictView(_)) if is_set_like(a) && is_set_like(b) => {
            let _nest = Nest::enter(" in comparison")?;
            set_like_len(a) == set_like_len(b) && set_like_subset(a, b)?
        }
        (Value::Slice(x), Value::Slice(y)) => {
            Rc::ptr_eq(x, y)
                || (eq_builtin(&x.start, &y.start)? && eq_builtin(&x.stop, &y.stop)? && eq_builtin(&x.step, &y.step)?)
        }
        (Value::Method(x), Value::Method(y)) => x.func.is(&y.func) && x.self_value.is(&y.self_value),
        _ => a.is(b),
    })
}

/// `a == b` (the entry point that may one day run `__eq__`).
pub fn eq(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if dunder::is_dynamic(a) || dunder::is_dynamic(b) {
        let r = dunder::compare(vm, CompareOp::Eq, a, b)?;
        return match r {
            Value::Bool(b) => Ok(b.get()),
            other => truthy(vm, &other),
        };
    }
    eq_builtin(a, b)
}

/// Truth value (`bool(v)`).
pub fn truthy(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(match v {
        Value::Object(_) => dunder::truthy(vm, v)?,
        Value::None | Value::Null => false,
        Value::Bool(b) => b.get(),
        Value::Int(i) => *i != 0,
        Value::Float(f) => f.get() != 0.0,
        Value::BigInt(_) => true,
        Value::Str(s) => !s.s.is_empty(),
        Value::List(l) => !l.items.borrow().is_empty(),
        Value::Tuple(t) => !t.items.is_empty(),
        Value::Dict(d) => !d.is_empty(),
        Value::Set(s) | Value::FrozenSet(s) => !s.is_empty(),
        Value::Range(r) => range::length(r) != 0,
        Value::DictView(view) => !view.dict.is_empty(),
        Value::Bytes(b) => !b.data.is_empty(),
        Value::ByteArray(b) => !b.data.borrow().is_empty(),
        _ => true,
    })
}

// ---------------------------------------------------------------------------------------------
// Binary operators.

fn unsupported_operands(op: BinaryOp, inplace: bool, a: &Value, b: &Value) -> PyErr {
    let symbol = if op == BinaryOp::Pow && !inplace { "** or pow()" } else { op.symbol() };
    PyErr::type_error(format!(
        "unsupported operand type(s) for {symbol}{}: '{}' and '{}'",
        if inplace { "=" } else { "" },
        tname(a),
        tname(b)
    ))
}

/// The repeat count of a sequence multiplication, if `v` is an int.
fn repeat_count(v: &Value) -> Option<PyResult<i64>> {
    match v {
        Value::Int(i) => Some(Ok(*i)),
        Value::Bool(b) => Some(Ok(*b as i64)),
        Value::BigInt(_) => Some(Err(PyErr::overflow("cannot fit 'int' into an index-sized integer"))),
        _ => None,
    }
}

fn is_sequence(v: &Value) -> bool {
    matches!(v, Value::Str(_) | Value::List(_) | Value::Tuple(_))
}

/// `a <op> b` (and the in-place forms `a <op>= b`).
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub fn binary_op(vm: &mut Vm, op: BinaryOp, inplace: bool, a: &Value, b: &Value) -> PyResult<Value> {
    if let Some(r) = number::binary_op(op, a, b) {
        return r;
    }
    if let Some(r) = bytes::binary_op(op, inplace, a, b) {
        return r;
    }
    if dunder::is_dynamic(a) || dunder::is_dynamic(b) {
        return dunder::binary_op(vm, op, inplace, a, b);
    }
    match op {
        BinaryOp::Add => add(vm, inplace, a, b),
        BinaryOp::Mul => multiply(inplace, a, b),
        BinaryOp::Mod => match a {
            Value::Str(s) => Ok(Value::string(strformat::percent_format(vm, s.as_str(), b)?)),
            _ => Err(unsupported_operands(op, inplace, a, b)),
        },
        BinaryOp::Or | BinaryOp::And | BinaryOp::Sub | BinaryOp::Xor => set_operator(vm, op, inplace, a, b),
        _ => Err(unsupported_operands(op, inplace, a, b)),
    }
}

fn add(vm: &mut Vm, inplace: bool, a: &Value, b: &Value) -> PyResult<Value> {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => pystr::concat(x, y),
        (Value::List(x), _) if inplace => {
            list::extend(vm, x, b)?;
            Ok(a.clone())
        }
        (Value::List(x), Value::List(y)) => {
            let items = if Rc::ptr_eq(x, y) {
                let xs = x.items.borrow();
                list::concat_items(&xs, &xs)?
            } else {
                list::concat_items(&x.items.borrow(), &y.items.borrow())?
            };
            Ok(Value::list(items))
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            if y.items.is_empty() {
                return Ok(a.clone());
            }
            if x.items.is_empty() {
                return Ok(b.clone());
            }
            Ok(Value::tuple(list::concat_items(&x.items, &y.items)?))
        }
        (Value::Str(_) | Value::List(_) | Value::Tuple(_), _) => Err(PyErr::type_error(format!(
            "can only concatenate {} (not \"{}\") to {}",
            tname(a),
            tname(b),
            tname(a)
        ))),
        _ => Err(unsupported_operands(BinaryOp::Add, inplace, a, b)),
    }
}

fn repeat(seq: &Value, n: i64, inplace: bool) -> PyResult<Value> {
    match seq {
        Value::Str(s) => pystr::repeat(s, n),
        Value::List(l) => {
            if inplace {
                let current = l.items.borrow().clone();
                let repeated = list::repeat_items(&current, n)?;
                let old = std::mem::replace(&mut *l.items.borrow_mut(), repeated);
                drop(old);
                Ok(seq.clone())
            } else {
                let repeated = list::repeat_items(&l.items.borrow(), n)?;
                Ok(Value::list(repeated))
            }
        }
        Value::Tuple(t) => {
            if n == 1 || t.items.is_empty() {
                return Ok(if n >= 1 || t.items.is_empty() { seq.clone() } else { Value::tuple(Vec::new()) });
            }
            Ok(Value::tuple(list::repeat_items(&t.items, n)?))
        }
        _ => Ok(seq.clone()),
    }
}

fn multiply(inplace: bool, a: &Value, b: &Value) -> PyResult<Value> {
    if is_sequence(a) {
        return match repeat_count(b) {
            Some(n) => repeat(a, n?, inplace),
            None => Err(PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", tname(b)))),
        };
    }
    if is_sequence(b) {
        return match repeat_count(a) {
            Some(n) => repeat(b, n?, false),
            None => Err(PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", tname(a)))),
        };
    }
    Err(unsupported_operands(BinaryOp::Mul, inplace, a, b))
}

fn wrap_set_like(template: &Value, s: PySet) -> Value {
    match template {
        Value::FrozenSet(_) => Value::FrozenSet(Rc::new(s)),
        _ => Value::set(s),
    }
}

fn set_operator(vm: &mut Vm, op: BinaryOp, inplace: bool, a: &Value, b: &Value) -> PyResult<Value> {
    match (a, b) {
        (Value::Set(x) | Value::FrozenSet(x), Value::Set(y) | Value::FrozenSet(y)) => {
            if inplace {
                if let Value::Set(_) = a {
                    match op {
                        BinaryOp::Or => x.update_from_set(y)?,
                        BinaryOp::And => {
                            let r = set::intersection(x, y)?;
                            x.replace_with(r);
                        }
                        BinaryOp::Sub => set::difference_update_value(vm, x, b)?,
                        _ => set::symmetric_difference_update_value(vm, x, b)?,
                    }
                    return Ok(a.clone());
                }
            }
            let result = match op {
                BinaryOp::Or => set::union(x, y)?,
                BinaryOp::And => set::intersection(x, y)?,
                BinaryOp::Sub => set::difference(x, y)?,
                _ => set::symmetric_difference(x, y)?,
            };
            Ok(wrap_set_like(a, result))
        }
        (Value::Dict(x), _) if op == BinaryOp::Or && (inplace || matches!(b, Value::Dict(_))) => {
            if inplace {
                dict::update_from_value(vm, x, b)?;
                return Ok(a.clone());
            }
            match b {
                Value::Dict(y) => Ok(Value::dict(dict::union(x, y)?)),
                _ => Err(unsupported_operands(op, inplace, a, b)),
            }
        }
        _ if (matches!(a, Value::DictView(v) if v.kind != DictViewKind::Values)
            || matches!(b, Value::DictView(v) if v.kind != DictViewKind::Values)) =>
        {
            // Dict views combine with any iterable, like CPython's dictviews_* functions.
            match op {
                BinaryOp::And => view_intersection(vm, a, b),
                _ => {
                    let result = set::set_from_iterable(vm, a)?;
                    match op {
                        BinaryOp::Or => result.update_from_iterable(vm, b)?,
                        BinaryOp::Sub => set::difference_update_value(vm, &result, b)?,
                        _ => set::symmetric_difference_update_value(vm, &result, b)?,
                    }
                    Ok(Value::set(result))
                }
            }
        }
        _ => Err(unsupported_operands(op, inplace, a, b)),
    }
}

/// `a & b` where one side is a dict keys/items view.
fn view_intersection(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let is_view = |v: &Value| matches!(v, Value::DictView(view) if view.kind != DictViewKind::Values);
    let (mut view, mut other) = if is_view(a) { (a, b) } else { (b, a) };
    if let Value::Set(s) = other {
        if set_like_len(view) <= s.len() {
            return Ok(Value::set(set::intersection_iterable(vm, s, view)?));
        }
    }
    if is_view(other) && set_like_len(other) > set_like_len(view) {
        std::mem::swap(&mut view, &mut other);
    }
    let result = PySet::new();
    let it = get_iter(vm, other)?;
    while let Some(item) = next(vm, &it)? {
        if set_like_contains(view, &item)? {
            result.add(item)?;
        }
    }
    Ok(Value::set(result))
}

// ---------------------------------------------------------------------------------------------
// Comparisons.

#[inline]
fn ordering_matches(op: CompareOp, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CompareOp::Lt => ord == Less,
        CompareOp::Le => ord != Greater,
        CompareOp::Eq => ord == Equal,
        CompareOp::Ne => ord != Equal,
        CompareOp::Gt => ord == Greater,
        CompareOp::Ge => ord != Less,
    }
}

fn not_supported(op: CompareOp, a: &Value, b: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op.symbol(),
        tname(a),
        tname(b)
    ))
}

/// Interim numeric ordering, used only while `number::compare` does not answer.
fn fallback_number_compare(op: CompareOp, a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(_) | Value::Bool(_), Value::Int(_) | Value::Bool(_)) => {
            Some(ordering_matches(op, slice::int_of(a)?.cmp(&slice::int_of(b)?)))
        }
        _ => {
            let f = |v: &Value| match v {
                Value::Int(i) => Some(*i as f64),
                Value::Bool(b) => Some(*b as i64 as f64),
                Value::Float(f) => Some(f.get()),
                _ => None,
            };
            let (x, y) = (f(a)?, f(b)?);
            Some(match x.partial_cmp(&y) {
                Some(ord) => ordering_matches(op, ord),
                None => op == CompareOp::Ne,
            })
        }
    }
}

/// The item at `pos` of a list or tuple (cloned: no borrow is kept).
fn seq_item(v: &Value, pos: usize) -> Option<Value> {
    match v {
        Value::List(l) => l.items.borrow().get(pos).cloned(),
        Value::Tuple(t) => t.items.get(pos).cloned(),
        _ => None,
    }
}

fn seq_len(v: &Value) -> usize {
    match v {
        Value::List(l) => l.items.borrow().len(),
        Value::Tuple(t) => t.items.len(),
        _ => 0,
    }
}

/// The order of two ints, two strs or two floats that are not NaN: values whose comparison
/// runs no Python code and cannot fail. `None` for any other pair.
#[inline]
fn atom_order(x: &Value, y: &Value) -> Option<std::cmp::Ordering> {
    match (x, y) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        // UTF-8 byte order is code point order, which is Python's order of strs.
        (Value::Str(x), Value::Str(y)) => Some(x.as_str().cmp(y.as_str())),
        (Value::Float(x), Value::Float(y)) => x.get().partial_cmp(&y.get()),
        _ => None,
    }
}

/// The first position from which `compare_sequences` must compare items the general way,
/// or the comparison's answer when leading ints, strs and floats decide it (the keys of a
/// sort by `(city, age)` tuples, say): those are compared in place, without cloning them.
fn compare_leading_atoms(op: CompareOp, a: &Value, b: &Value) -> Result<bool, usize> {
    match (a, b) {
        (Value::Tuple(x), Value::Tuple(y)) => compare_atom_items(op, &x.items, &y.items),
        // Lists are borrowed only here, where no Python code runs.
        (Value::List(x), Value::List(y)) => match (x.items.try_borrow(), y.items.try_borrow()) {
            (Ok(xs), Ok(ys)) => compare_atom_items(op, &xs, &ys),
            _ => Err(0),
        },
        _ => Err(0),
    }
}

/// `compare_leading_atoms` over the items of the two sequences.
fn compare_atom_items(op: CompareOp, xs: &[Value], ys: &[Value]) -> Result<bool, usize> {
    for (pos, (x, y)) in xs.iter().zip(ys).enumerate() {
        match atom_order(x, y) {
            Some(std::cmp::Ordering::Equal) => {}
            Some(order) => return Ok(ordering_matches(op, order)),
            None => return Err(pos),
        }
    }
    Ok(ordering_matches(op, xs.len().cmp(&ys.len())))
}

/// Lexicographic comparison of two lists or two tuples.
fn compare_sequences(vm: &mut Vm, op: CompareOp, a: &Value, b: &Value) -> PyResult<bool> {
    if matches!(op, CompareOp::Eq | CompareOp::Ne) && seq_len(a) != seq_len(b) {
        return Ok(op == CompareOp::Ne);
    }
    let mut pos = match compare_leading_atoms(op, a, b) {
        Ok(answer) => return Ok(answer),
        Err(pos) => pos,
    };
    sync_limit(vm);
    let _nest = Nest::enter(" in comparison")?;
    loop {
        match (seq_item(a, pos), seq_item(b, pos)) {
            (Some(x), Some(y)) => {
                if !(x.is(&y) || eq(vm, &x, &y)?) {
                    return match op {
                        CompareOp::Eq => Ok(false),
                        CompareOp::Ne => Ok(true),
                        _ => compare_bool(vm, op, &x, &y),
                    };
                }
                pos += 1;
            }
            _ => return Ok(ordering_matches(op, seq_len(a).cmp(&seq_len(b)))),
        }
    }
}

/// `a <cmp> b` as a Rust bool.
pub fn compare_bool(vm: &mut Vm, op: CompareOp, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => return Ok(ordering_matches(op, x.cmp(y))),
        (Value::Str(x), Value::Str(y)) => {
            return Ok(match op {
                CompareOp::Eq => Rc::ptr_eq(x, y) || x.s == y.s,
                CompareOp::Ne => !(Rc::ptr_eq(x, y) || x.s == y.s),
                _ => ordering_matches(op, x.as_str().cmp(y.as_str())),
            })
        }
        _ => {}
    }
    if let Some(r) = number::compare(op, a, b) {
        return Ok(r);
    }
    if dunder::is_dynamic(a) || dunder::is_dynamic(b) {
        return match dunder::compare(vm, op, a, b)? {
            Value::Bool(b) => Ok(b.get()),
            other => truthy(vm, &other),
        };
    }
    if is_number(a) && is_number(b) {
        if let Some(r) = fallback_number_compare(op, a, b) {
            return Ok(r);
        }
    }
    if let Some(r) = bytes::compare(op, a, b) {
        return Ok(r);
    }
    match (a, b) {
        (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => compare_sequences(vm, op, a, b),
        _ if is_set_like(a) && is_set_like(b) => {
            sync_limit(vm);
            let _nest = Nest::enter(" in comparison")?;
            let (la, lb) = (set_like_len(a), set_like_len(b));
            Ok(match op {
                CompareOp::Eq => la == lb && set_like_subset(a, b)?,
                CompareOp::Ne => !(la == lb && set_like_subset(a, b)?),
                CompareOp::Le => set_like_subset(a, b)?,
                CompareOp::Lt => la < lb && set_like_subset(a, b)?,
                CompareOp::Ge => set_like_subset(b, a)?,
                CompareOp::Gt => la > lb && set_like_subset(b, a)?,
            })
        }
        _ => match op {
            CompareOp::Eq => {
                sync_limit(vm);
                eq(vm, a, b)
            }
            CompareOp::Ne => {
                sync_limit(vm);
                Ok(!eq(vm, a, b)?)
            }
            _ => Err(not_supported(op, a, b)),
        },
    }
}

/// `a <cmp> b`.
pub fn compare(vm: &mut Vm, op: CompareOp, a: &Value, b: &Value) -> PyResult<Value> {
    if dunder::is_dynamic(a) || dunder::is_dynamic(b) {
        return dunder::compare(vm, op, a, b);
    }
    compare_bool(vm, op, a, b).map(Value::bool)
}

/// `a < b` (sorting, min, max).
pub fn lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    compare_bool(vm, CompareOp::Lt, a, b)
}

// ---------------------------------------------------------------------------------------------
// repr / str.

/// `repr(v)`.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(pystr::repr_str(s.as_str())),
        _ => reprs::repr(vm, v),
    }
}

/// `str(v)`.
pub fn to_str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    reprs::to_str(vm, v)
}

/// `ascii(v)`: the repr with every non-ASCII character escaped.
pub fn ascii(vm: &mut Vm, v: &Value) -> PyResult<String> {
    Ok(pystr::escape_non_ascii(&repr(vm, v)?))
}

// ---------------------------------------------------------------------------------------------
// Iteration.

/// `iter(v)`: an iterator over a builtin iterable.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub fn get_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::List(l) => iter::make(IterKind::List { list: l.clone(), index: 0 }),
        Value::Tuple(t) => iter::make(IterKind::Tuple { tuple: t.clone(), index: 0 }),
        Value::Str(s) => iter::make(IterKind::Str { s: s.clone(), byte_pos: 0 }),
        Value::Range(r) => iter::make(IterKind::Range { next: r.start, stop: r.stop, step: r.step }),
        Value::Dict(d) => iter::dict_iter(d, DictViewKind::Keys),
        Value::DictView(view) => iter::dict_iter(&view.dict, view.kind),
        Value::Set(s) | Value::FrozenSet(s) => iter::set_iter(s),
        Value::Bytes(_) | Value::ByteArray(_) => iter::make(IterKind::Bytes { data: v.clone(), index: 0 }),
        Value::Iter(_) | Value::Generator(_) => v.clone(),
        _ if dunder::is_dynamic(v) => match dunder::get_iter(vm, v) {
            Some(r) => return r,
            None => return Err(PyErr::type_error(format!("'{}' object is not iterable", tname(v)))),
        },
        _ => return Err(PyErr::type_error(format!("'{}' object is not iterable", tname(v)))),
    })
}

/// `next(it)`: `Ok(None)` when the iterator is exhausted (no StopIteration allocated).
pub fn next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    match it {
        Value::Iter(i) => iter::next(vm, i),
        Value::Generator(g) => crate::objects::generator::next(vm, g),
        _ => match dunder::next(vm, it) {
            Some(r) => r,
            None => Err(PyErr::type_error(format!("'{}' object is not an iterator", tname(it)))),
        },
    }
}

/// Every item of an iterable, in order (fast paths for list and tuple).
pub fn collect(vm: &mut Vm, iterable: &Value) -> PyResult<Vec<Value>> {
    match iterable {
        Value::List(l) => Ok(l.items.borrow().clone()),
        Value::Tuple(t) => Ok(t.items.to_vec()),
        Value::Set(s) | Value::FrozenSet(s) => Ok(s.items()),
        Value::Dict(d) => Ok(d.keys()),
        _ => {
            let it = get_iter(vm, iterable)?;
            let mut out = Vec::new();
            if let Value::Range(r) = iterable {
                let n = range::len_checked(r)?;
                out.try_reserve_exact(n).map_err(|_| PyErr::memory_error())?;
            }
            while let Some(v) = next(vm, &it)? {
                if out.len() == out.capacity() {
                    out.try_reserve(1).map_err(|_| PyErr::memory_error())?;
                }
                out.push(v);
            }
            Ok(out)
        }
    }
}

/// `reversed(v)` for builtin sequences, dicts and dict views.
pub fn reversed(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if dunder::is_dynamic(v) {
        if let Some(r) = dunder::reversed(vm, v) {
            return r;
        }
    }
    iter::reversed(v)
}

/// `len(v)`.
pub fn len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(match v {
        Value::Str(s) => s.char_count(),
        Value::List(l) => l.items.borrow().len(),
        Value::Tuple(t) => t.items.len(),
        Value::Dict(d) => d.len(),
        Value::Set(s) | Value::FrozenSet(s) => s.len(),
        Value::Range(r) => range::len_checked(r)?,
        Value::DictView(view) => view.dict.len(),
        Value::Bytes(b) => b.data.len(),
        Value::ByteArray(b) => b.data.borrow().len(),
        _ if dunder::is_dynamic(v) => return dunder::len(vm, v),
        _ => return Err(PyErr::type_error(format!("object of type '{}' has no len()", tname(v)))),
    })
}

// ---------------------------------------------------------------------------------------------
// Subscripts.

/// `obj[key]`.
pub fn getitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Value> {
    if let (Value::Str(_) | Value::Range(_), Value::Object(_)) = (obj, key) {
        if dunder::has_index(key) {
            let index = crate::objects::int::index_value(key)?;
            return getitem(vm, obj, &index);
        }
    }
    match obj {
        Value::List(l) => match key {
            Value::Slice(s) => list::getitem_slice(l, s),
            _ => {
                let items = l.items.borrow();
                let pos = slice::item_position(key, items.len(), "list", "list")?;
                Ok(items[pos].clone())
            }
        },
        Value::Tuple(t) => match key {
            Value::Slice(s) => {
                let r = slice::resolve(s, t.items.len())?;
                if r.step == 1 && r.len == t.items.len() {
                    return Ok(obj.clone());
                }
                Ok(Value::tuple(list::slice_items(&t.items, &r)?))
            }
            _ => {
                let pos = slice::item_position(key, t.items.len(), "tuple", "tuple")?;
                Ok(t.items[pos].clone())
            }
        },
        Value::Str(s) => match key {
            Value::Slice(sl) => pystr::getitem_slice(s, sl),
            _ => pystr::getitem_index(s, key),
        },
        Value::Dict(d) => match d.get(key)? {
            Some(v) => Ok(v),
            None => Err(PyErr::key_error(key.clone())),
        },
        Value::Range(r) => range::getitem(r, key),
        Value::Bytes(_) | Value::ByteArray(_) => bytes::getitem(obj, key),
        Value::Type(t) => {
            if dunder::is_dynamic(obj) {
                if let Some(r) = dunder::getitem(vm, obj, key) {
                    return r;
                }
            }
            match dunder::class_getitem(vm, t, key) {
                Some(r) => r,
                None => Err(PyErr::type_error(format!("type '{}' is not subscriptable", t.name))),
            }
        }
        _ => match dunder::getitem(vm, obj, key) {
            Some(r) => r,
            None => Err(PyErr::type_error(format!("'{}' object is not subscriptable", tname(obj)))),
        },
    }
}

/// `obj[key] = value`.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub fn setitem(vm: &mut Vm, obj: &Value, key: &Value, value: Value) -> PyResult<()> {
    match obj {
        Value::List(l) => match key {
            Value::Slice(s) => list::setitem_slice(vm, l, s, &value),
            _ => {
                let mut items = l.items.borrow_mut();
                let pos = match slice::item_position(key, items.len(), "list", "list") {
                    Ok(p) => p,
                    Err(e) if e.matches(TypeId::IndexError) && !matches!(key, Value::BigInt(_)) => {
                        return Err(PyErr::index_error("list assignment index out of range"))
                    }
                    Err(e) => return Err(e),
                };
                let old = std::mem::replace(&mut items[pos], value);
                drop(items);
                drop(old);
                Ok(())
            }
        },
        Value::Dict(d) => d.set(key.clone(), value),
        Value::ByteArray(b) => bytes::setitem(vm, b, key, &value),
        _ => match dunder::setitem(vm, obj, key, Some(value)) {
            Some(r) => r,
            None => Err(PyErr::type_error(format!("'{}' object does not support item assignment", tname(obj)))),
        },
    }
}

/// `del obj[key]`.
pub fn delitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<()> {
    match obj {
        Value::List(l) => match key {
            Value::Slice(s) => list::delitem_slice(l, s),
            _ => {
                let mut items = l.items.borrow_mut();
                let pos = match slice::item_position(key, items.len(), "list", "list") {
                    Ok(p) => p,
                    Err(e) if e.matches(TypeId::IndexError) && !matches!(key, Value::BigInt(_)) => {
                        return Err(PyErr::index_error("list assignment index out of range"))
                    }
                    Err(e) => return Err(e),
                };
                let old = items.remove(pos);
                drop(items);
                drop(old);
                Ok(())
            }
        },
        Value::Dict(d) => match d.remove(key)? {
            Some(_) => Ok(()),
            None => Err(PyErr::key_error(key.clone())),
        },
        Value::ByteArray(b) => bytes::delitem(b, key),
        _ => match dunder::setitem(vm, obj, key, None) {
            Some(r) => r,
            None => Err(PyErr::type_error(format!("'{}' object doesn't support item deletion", tname(obj)))),
        },
    }
}

/// `item in container`.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub fn contains(vm: &mut Vm, container: &Value, item: &Value) -> PyResult<bool> {
    match container {
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
            _ => Err(PyErr::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                tname(item)
            ))),
        },
        Value::List(_) | Value::Tuple(_) => {
            let mut pos = 0;
            while let Some(x) = seq_item(container, pos) {
                if x.is(item) || eq(vm, &x, item)? {
                    return Ok(true);
                }
                pos += 1;
            }
            Ok(false)
        }
        Value::Dict(d) => d.contains_key(item),
        Value::Set(s) | Value::FrozenSet(s) => match s.contains(item) {
            Err(e) if matches!(item, Value::Set(_)) && e.matches(TypeId::TypeError) => {
                // A set key is looked up as the equal frozenset.
                let Value::Set(inner) = item else { return Err(e) };
                s.contains(&Value::FrozenSet(Rc::new(inner.copy()?)))
            }
            other => other,
        },
        Value::Range(r) => range::contains(vm, r, item),
        Value::Bytes(_) | Value::ByteArray(_) => bytes::contains(container, item),
        Value::DictView(view) => match view.kind {
            DictViewKind::Keys => view.dict.contains_key(item),
            DictViewKind::Items => items_view_contains(&view.dict, item),
            DictViewKind::Values => {
                for v in view.dict.values() {
                    if v.is(item) || eq(vm, &v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        },
        Value::Iter(_) | Value::Generator(_) => {
            while let Some(x) = next(vm, container)? {
                if x.is(item) || eq(vm, &x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ if dunder::is_dynamic(container) => dunder::contains(vm, container, item),
        _ => Err(PyErr::type_error(format!("argument of type '{}' is not iterable", tname(container)))),
    }
}

// ---------------------------------------------------------------------------------------------
// Attributes.

/// An attribute found on a type, bound to `obj` when it is a function.
fn bind(attr: Value, obj: &Value) -> Value {
    match attr {
        Value::Native(_) | Value::Function(_) => {
            crate::gc::tracked(Value::Method(Rc::new(PyMethod { func: attr, self_value: obj.clone() })))
        }
        other => other,
    }
}

fn no_attribute(obj: &Value, name: &str) -> PyErr {
    PyErr::attribute_error(format!("'{}' object has no attribute '{}'", tname(obj), name))
}

fn type_attribute(t: &Rc<PyType>, name: &str) -> PyResult<Value> {
    match name {
        "__name__" | "__qualname__" => return Ok(Value::str(&t.name)),
        "__module__" => return Ok(Value::str(t.module.as_deref().unwrap_or("builtins"))),
        "__mro__" => return Ok(Value::tuple(t.mro().map(|x| Value::Type(x.clone())).collect())),
        "__bases__" => return Ok(Value::tuple(t.bases.iter().map(|x| Value::Type(x.clone())).collect())),
        "__base__" => return Ok(t.bases.first().map_or(Value::None, |b| Value::Type(b.clone()))),
        "__class__" => return Ok(Value::Type(crate::objects::types::builtin_type(TypeId::Type))),
        _ => {}
    }
    if let Some(v) = t.lookup(name) {
        // `dict.fromkeys` is a class method and `str.maketrans` a static method: bind them to
        // the type so their first argument is never a user argument.
        if (name == "fromkeys" && t.builtin_id() == Some(TypeId::Dict))
            || (name == "maketrans" && t.builtin_id() == Some(TypeId::Str))
        {
            return Ok(bind(v, &Value::Type(t.clone())));
        }
        return Ok(v);
    }
    if name == "__doc__" {
        return Ok(Value::None);
    }
    Err(PyErr::attribute_error(format!("type object '{}' has no attribute '{}'", t.name, name)))
}

/// Attributes that builtin values carry themselves (not methods from their type).
fn own_attribute(obj: &Value, name: &str) -> Option<Value> {
    if name == "__class__" {
        return Some(Value::Type(type_of(obj)));
    }
    match obj {
        Value::Function(f) => Some(match name {
            "__dict__" => Value::Dict(function_dict(f)),
            _ if f.dict.borrow().as_ref().is_some_and(|d| d.get_str(name).is_some()) => {
                f.dict.borrow().as_ref().and_then(|d| d.get_str(name)).unwrap_or(Value::None)
            }
            "__name__" => Value::Str(f.name.borrow().clone()),
            "__qualname__" => Value::Str(f.qualname.borrow().clone()),
            "__module__" => f.globals.get_str("__name__").unwrap_or(Value::None),
            "__defaults__" => f.defaults.as_ref().map_or(Value::None, |d| Value::Tuple(d.clone())),
            "__kwdefaults__" => f.kwdefaults.as_ref().map_or(Value::None, |d| Value::Dict(d.clone())),
            "__closure__" => f.closure.as_ref().map_or(Value::None, |c| Value::Tuple(c.clone())),
            "__globals__" => Value::Dict(f.globals.clone()),
            "__code__" => Value::Code(f.code.clone()),
            "__doc__" => f.code.doc.clone(),
            _ => return None,
        }),
        Value::Native(n) => Some(match name {
            "__name__" => Value::str(n.name),
            "__qualname__" => match n.owner {
                Some(t) => Value::string(format!("{}.{}", t.name(), n.name)),
                None => Value::str(n.name),
            },
            "__doc__" => Value::None,
            "__self__" if n.owner.is_none() => Value::None,
            _ => return None,
        }),
        Value::Method(m) => match name {
            "__self__" => Some(m.self_value.clone()),
            "__func__" => Some(m.func.clone()),
            "__name__" | "__qualname__" | "__doc__" | "__module__" => own_attribute(&m.func, name),
            _ => None,
        },
        Value::Range(r) => Some(match name {
            "start" => Value::Int(r.start),
            "stop" => Value::Int(r.stop),
            "step" => Value::Int(r.step),
            _ => return None,
        }),
        Value::Slice(s) => Some(match name {
            "start" => s.start.clone(),
            "stop" => s.stop.clone(),
            "step" => s.step.clone(),
            _ => return None,
        }),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Some(match name {
            "real" | "numerator" => match obj {
                Value::Bool(b) => Value::Int(*b as i64),
                _ => obj.clone(),
            },
            "imag" => Value::Int(0),
            "denominator" => Value::Int(1),
            _ => return None,
        }),
        Value::Float(_) => Some(match name {
            "real" => obj.clone(),
            "imag" => Value::float(0.0),
            _ => return None,
        }),
        Value::Exception(e) => crate::objects::exception::get_attribute(e, name),
        Value::Generator(g) => crate::objects::generator::attribute(g, name),
        Value::Code(c) => Some(match name {
            "co_name" => Value::str(&c.name),
            "co_qualname" => Value::str(&c.qualname),
            "co_filename" => Value::str(&c.filename),
            "co_firstlineno" => Value::Int(c.firstlineno as i64),
            _ => return None,
        }),
        _ => None,
    }
}

/// `getattr(obj, name)`: methods of builtin types come back bound (`Value::Method`).
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub fn getattr(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    match obj {
        Value::Module(m) => {
            if let Some(v) = m.dict.get_str(name) {
                return Ok(v);
            }
            return match name {
                "__dict__" => Ok(Value::Dict(m.dict.clone())),
                "__name__" => Ok(Value::Str(m.name.clone())),
                "__class__" => Ok(Value::Type(type_of(obj))),
                _ => Err(PyErr::attribute_error(format!(
                    "module '{}' has no attribute '{}'",
                    m.name.as_str(),
                    name
                ))),
            };
        }
        Value::Type(t) => {
            if t.is_user_class() || t.metaclass.is_some() {
                return instance::type_getattr(vm, t, name);
            }
            return type_attribute(t, name);
        }
        Value::Object(o) => return instance::object_getattr(vm, obj, o, name, pystr::hash_str(name)),
        _ => {}
    }
    if let Some(v) = own_attribute(obj, name) {
        return Ok(v);
    }
    if let Some(attr) = type_lookup(&type_of(obj), name, pystr::hash_str(name)) {
        return Ok(bind(attr, obj));
    }
    if name == "__doc__" {
        return Ok(Value::None);
    }
    Err(no_attribute(obj, name))
}

/// `name` looked up along the MRO of `ty`, hashing it once.
fn type_lookup(ty: &Rc<PyType>, name: &str, hash: i64) -> Option<Value> {
    ty.mro().find_map(|t| t.dict.get_str_hashed(name, hash))
}

/// For LOAD_METHOD: `Some(function)` when `name` is a plain method found on `obj`'s type (the
/// caller then passes `obj` as the first argument), `None` to fall back to `getattr`.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub fn lookup_method(obj: &Value, name: &str) -> Option<Value> {
    match obj {
        Value::Type(_) | Value::Module(_) | Value::Null => return None,
        Value::Object(o) => return instance::lookup_method(o, name, pystr::hash_str(name)),
        _ => {}
    }
    match type_lookup(&type_of(obj), name, pystr::hash_str(name))? {
        f @ (Value::Native(_) | Value::Function(_)) => Some(f),
        _ => None,
    }
}

/// `lookup_method` for a name held as a string object: uses its cached hash, so the VM's
/// LOAD_METHOD does not rehash the name on every call.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub fn lookup_method_name(obj: &Value, name: &PyStr) -> Option<Value> {
    match obj {
        Value::Type(_) | Value::Module(_) | Value::Null => return None,
        Value::Object(o) => return instance::lookup_method(o, name.as_str(), name.hash_value()),
        _ => {}
    }
    let found = type_lookup(&type_of(obj), name.as_str(), name.hash_value())?;
    match found {
        Value::Native(_) | Value::Function(_) => Some(found),
        _ => None,
    }
}

/// A function's attribute dict, created on first use.
fn function_dict(f: &crate::value::PyFunction) -> Rc<PyDict> {
    f.dict.borrow_mut().get_or_insert_with(|| Rc::new(PyDict::new())).clone()
}

/// `setattr(obj, name, value)`.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub fn setattr(vm: &mut Vm, obj: &Value, name: &str, value: Value) -> PyResult<()> {
    match obj {
        Value::Object(o) => instance::object_setattr(vm, obj, o, name, value),
        Value::Type(t) if t.is_user_class() || t.metaclass.is_some() => instance::type_setattr(vm, t, name, Some(value)),
        Value::Module(m) => {
            m.dict.set_str(name, value);
            Ok(())
        }
        Value::Type(t) => {
            if t.builtin_id().is_some() {
                return Err(PyErr::type_error(format!(
                    "cannot set '{name}' attribute of immutable type '{}'",
                    t.name
                )));
            }
            t.dict.set_str(name, value);
            t.attributes_changed();
            Ok(())
        }
        Value::Function(f) => match (name, &value) {
            ("__name__", Value::Str(s)) => {
                *f.name.borrow_mut() = s.clone();
                Ok(())
            }
            ("__qualname__", Value::Str(s)) => {
                *f.qualname.borrow_mut() = s.clone();
                Ok(())
            }
            ("__name__" | "__qualname__", _) => {
                Err(PyErr::type_error(format!("{name} must be set to a string object")))
            }
            ("__dict__", Value::Dict(d)) => {
                *f.dict.borrow_mut() = Some(d.clone());
                Ok(())
            }
            ("__dict__", _) => Err(PyErr::type_error("__dict__ must be set to a dictionary")),
            _ => {
                function_dict(f).set_str(name, value);
                Ok(())
            }
        },
        Value::Exception(e) => crate::objects::exception::set_attribute(e, name, value),
        _ => {
            if type_of(obj).lookup(name).is_some() {
                Err(PyErr::attribute_error(format!(
                    "'{}' object attribute '{}' is read-only",
                    tname(obj),
                    name
                )))
            } else {
                Err(no_attribute(obj, name))
            }
        }
    }
}

/// `delattr(obj, name)` / `del obj.name`.
pub fn delattr(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<()> {
    match obj {
        Value::Object(o) => instance::object_delattr(vm, obj, o, name),
        Value::Type(t) if t.is_user_class() || t.metaclass.is_some() => instance::type_setattr(vm, t, name, None),
        Value::Type(t) => Err(PyErr::type_error(format!(
            "cannot delete '{name}' attribute of immutable type '{}'",
            t.name
        ))),
        Value::Module(m) => match m.dict.remove(&Value::str(name))? {
            Some(_) => Ok(()),
            None => Err(PyErr::attribute_error(format!("module '{}' has no attribute '{}'", m.name.as_str(), name))),
        },
        // Deleting a function's `__doc__` leaves None (it is a slot in CPython); other
        // attributes live in the function's `__dict__`.
        Value::Function(f) if name == "__doc__" => {
            function_dict(f).set_str("__doc__", Value::None);
            Ok(())
        }
        Value::Function(f) => match function_dict(f).remove(&Value::str(name))? {
            Some(_) => Ok(()),
            None => Err(no_attribute(obj, name)),
        },
        _ => Err(no_attribute(obj, name)),
    }
}

// ---------------------------------------------------------------------------------------------
// Unary operators.

/// Unary `-v`.
pub fn negative(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match number::negative(v) {
        Some(r) => r,
        None => match dunder::unary(vm, "__neg__", v) {
            Some(r) => r,
            None => Err(PyErr::type_error(format!("bad operand type for unary -: '{}'", tname(v)))),
        },
    }
}

/// Unary `+v`.
pub fn positive(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match number::positive(v) {
        Some(r) => r,
        None => match dunder::unary(vm, "__pos__", v) {
            Some(r) => r,
            None => Err(PyErr::type_error(format!("bad operand type for unary +: '{}'", tname(v)))),
        },
    }
}

/// Unary `~v`.
pub fn invert(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match number::invert(v) {
        Some(r) => r,
        None => match dunder::unary(vm, "__invert__", v) {
            Some(r) => r,
            None => Err(PyErr::type_error(format!("bad operand type for unary ~: '{}'", tname(v)))),
        },
    }
}

/// A set built from any iterable (`set(iterable)`), re-exported for the builtins.
pub use crate::objects::set::set_from_iterable;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::PySlice;

    fn vm() -> Vm {
        Vm::new(Vec::new())
    }

    fn ints(v: &[i64]) -> Value {
        Value::list(v.iter().map(|&i| Value::Int(i)).collect())
    }

    fn show(vm: &mut Vm, v: &Value) -> String {
        repr(vm, v).unwrap_or_else(|e| format!("<error {}>", e.0.ty.name))
    }

    fn slice(start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Value {
        let f = |x: Option<i64>| x.map_or(Value::None, Value::Int);
        Value::Slice(Rc::new(PySlice { start: f(start), stop: f(stop), step: f(step) }))
    }

    fn err_message(e: &PyErr) -> String {
        match e.0.args().items.first() {
            Some(Value::Str(s)) => format!("{}: {}", e.0.ty.name, s.as_str()),
            _ => e.0.ty.name.to_string(),
        }
    }

    #[test]
    fn self_containing_and_deep_reprs() {
        // The interpreter thread has a big native stack (cli.rs); give this test a similar one.
        let worker = std::thread::Builder::new().stack_size(64 << 20).spawn(deep_reprs_body);
        assert!(worker.is_ok_and(|w| w.join().is_ok()));
    }

    fn deep_reprs_body() {
        let mut vm = vm();
        let l = ints(&[1]);
        if let Value::List(inner) = &l {
            inner.items.borrow_mut().push(l.clone());
        }
        assert_eq!(show(&mut vm, &l), "[1, [...]]");
        let d = Rc::new(PyDict::new());
        let _ = d.set(Value::str("k"), Value::Dict(d.clone()));
        assert_eq!(show(&mut vm, &Value::Dict(d.clone())), "{'k': {...}}");
        // Break the cycles so the test does not leak.
        d.clear();
        if let Value::List(inner) = &l {
            inner.items.borrow_mut().clear();
        }
        let mut deep = Value::list(vec![]);
        for _ in 0..5000 {
            deep = Value::list(vec![deep]);
        }
        let err = repr(&mut vm, &deep).err().map(|e| err_message(&e));
        assert_eq!(
            err.as_deref(),
            Some("RecursionError: maximum recursion depth exceeded while getting the repr of an object")
        );
        assert_eq!(vm.repr_depth, 0);
        // Tear the deep list down iteratively (dropping it recursively would be deep too).
        while let Value::List(l) = deep {
            let next = l.items.borrow_mut().pop();
            match next {
                Some(v) => deep = v,
                None => break,
            }
        }
    }

    #[test]
    fn reprs_of_builtin_values() {
        let mut vm = vm();
        let t1 = Value::tuple(vec![Value::Int(1)]);
        assert_eq!(show(&mut vm, &t1), "(1,)");
        assert_eq!(show(&mut vm, &Value::tuple(vec![])), "()");
        let s = PySet::from_values([Value::Int(2), Value::Int(1)]).unwrap_or_default();
        assert_eq!(show(&mut vm, &Value::Set(Rc::new(s))), "{1, 2}");
        assert_eq!(show(&mut vm, &Value::Set(Rc::new(PySet::new()))), "set()");
        let f = PySet::from_values([Value::Int(1)]).unwrap_or_default();
        assert_eq!(show(&mut vm, &Value::FrozenSet(Rc::new(f))), "frozenset({1})");
        assert_eq!(show(&mut vm, &Value::FrozenSet(Rc::new(PySet::new()))), "frozenset()");
        assert_eq!(show(&mut vm, &slice(Some(1), None, Some(2))), "slice(1, None, 2)");
        let e = PyErr::zero_division("division by zero");
        assert_eq!(show(&mut vm, &Value::Exception(e.0.clone())), "ZeroDivisionError('division by zero')");
        assert_eq!(to_str(&mut vm, &Value::Exception(e.0)).ok().as_deref(), Some("division by zero"));
        let k = PyErr::key_error(Value::str("x"));
        assert_eq!(to_str(&mut vm, &Value::Exception(k.0)).ok().as_deref(), Some("'x'"));
        let multi = PyErr::with_args(TypeId::ValueError, vec![Value::Int(1), Value::str("a")]);
        assert_eq!(to_str(&mut vm, &Value::Exception(multi.0)).ok().as_deref(), Some("(1, 'a')"));
        assert_eq!(show(&mut vm, &Value::Type(crate::objects::types::builtin_type(TypeId::Int))), "<class 'int'>");
    }

    #[test]
    fn slicing_edge_cases() {
        let mut vm = vm();
        let l = ints(&[0, 1, 2, 3, 4, 5]);
        let mut get = |key: Value| show(&mut vm, &getitem(&mut Vm::new(Vec::new()), &l, &key).unwrap_or(Value::None));
        assert_eq!(get(slice(None, None, Some(-2))), "[5, 3, 1]");
        assert_eq!(get(slice(Some(-100), Some(100), None)), "[0, 1, 2, 3, 4, 5]");
        assert_eq!(get(slice(Some(4), Some(1), None)), "[]");
        assert_eq!(get(slice(Some(4), Some(1), Some(-1))), "[4, 3, 2]");
        assert_eq!(get(Value::Int(-1)), "5");
        assert_eq!(get(Value::bool(true)), "1");
        let mut vm = Vm::new(Vec::new());
        let s = Value::str("héllo");
        let r = getitem(&mut vm, &s, &slice(None, None, Some(-1))).unwrap_or(Value::None);
        assert_eq!(show(&mut vm, &r), "'olléh'");
        let zero = getitem(&mut vm, &l, &slice(None, None, Some(0))).err().map(|e| err_message(&e));
        assert_eq!(zero.as_deref(), Some("ValueError: slice step cannot be zero"));
        let big = Value::from_bigint(num_bigint::BigInt::from(1) << 100);
        let e = getitem(&mut vm, &l, &big).err().map(|e| err_message(&e));
        assert_eq!(e.as_deref(), Some("IndexError: cannot fit 'int' into an index-sized integer"));
        let e = getitem(&mut vm, &l, &Value::str("a")).err().map(|e| err_message(&e));
        assert_eq!(e.as_deref(), Some("TypeError: list indices must be integers or slices, not str"));
        // Extended slice assignment checks the size.
        let e = setitem(&mut vm, &l, &slice(None, None, Some(2)), ints(&[1])).err().map(|e| err_message(&e));
        assert_eq!(e.as_deref(), Some("ValueError: attempt to assign sequence of size 1 to extended slice of size 3"));
        assert!(setitem(&mut vm, &l, &slice(Some(1), Some(5), None), ints(&[9])).is_ok());
        assert_eq!(show(&mut vm, &l), "[0, 9, 5]");
        assert!(delitem(&mut vm, &l, &slice(None, None, Some(-2))).is_ok());
        assert_eq!(show(&mut vm, &l), "[9]");
    }

    #[test]
    fn sort_is_stable_and_reports_type_errors() {
        let mut vm = vm();
        let pair = |k: i64, tag: &str| Value::tuple(vec![Value::Int(k), Value::str(tag)]);
        let mut items = vec![pair(2, "a"), pair(1, "b"), pair(2, "c"), pair(1, "d")];
        let keys: Vec<Value> = items
            .iter()
            .map(|p| if let Value::Tuple(t) = p { t.items[0].clone() } else { Value::None })
            .collect();
        assert!(list::sort_values(&mut vm, &mut items, Some(keys.clone()), false).is_ok());
        assert_eq!(show(&mut vm, &Value::list(items.clone())), "[(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]");
        let mut items = vec![pair(2, "a"), pair(1, "b"), pair(2, "c"), pair(1, "d")];
        assert!(list::sort_values(&mut vm, &mut items, Some(keys), true).is_ok());
        assert_eq!(show(&mut vm, &Value::list(items)), "[(2, 'a'), (2, 'c'), (1, 'b'), (1, 'd')]");
        let mut mixed = vec![Value::Int(3), Value::str("a")];
        let e = list::sort_values(&mut vm, &mut mixed, None, false).err().map(|e| err_message(&e));
        assert_eq!(e.as_deref(), Some("TypeError: '<' not supported between instances of 'str' and 'int'"));
        assert_eq!(show(&mut vm, &Value::list(mixed)), "[3, 'a']");
    }

    #[test]
    fn binary_operators_on_containers() {
        let mut vm = vm();
        let a = ints(&[1]);
        let r = binary_op(&mut vm, BinaryOp::Add, true, &a, &Value::tuple(vec![Value::Int(2)]));
        assert!(matches!(&r, Ok(v) if v.is(&a)));
        assert_eq!(show(&mut vm, &a), "[1, 2]");
        let e = binary_op(&mut vm, BinaryOp::Add, false, &a, &Value::tuple(vec![])).err().map(|e| err_message(&e));
        assert_eq!(e.as_deref(), Some("TypeError: can only concatenate list (not \"tuple\") to list"));
        let e = binary_op(&mut vm, BinaryOp::Mul, false, &a, &Value::Int(1 << 60)).err().map(|e| err_message(&e));
        assert_eq!(e.as_deref(), Some("MemoryError"));
        let r = binary_op(&mut vm, BinaryOp::Mul, false, &Value::Int(-2), &Value::str("ab"));
        assert!(matches!(r, Ok(Value::Str(s)) if s.as_str().is_empty()));
        let s1 = Value::Set(Rc::new(PySet::from_values([Value::Int(1), Value::Int(2)]).unwrap_or_default()));
        let s2 = Value::FrozenSet(Rc::new(PySet::from_values([Value::Int(2), Value::Int(3)]).unwrap_or_default()));
        let r = binary_op(&mut vm, BinaryOp::Xor, false, &s1, &s2).unwrap_or(Value::None);
        assert_eq!(show(&mut vm, &r), "{1, 3}");
        let r = binary_op(&mut vm, BinaryOp::Or, true, &s1, &s2).unwrap_or(Value::None);
        assert!(r.is(&s1));
        assert_eq!(show(&mut vm, &s1), "{1, 2, 3}");
        let lt = compare_bool(&mut vm, CompareOp::Lt, &s2, &s1);
        assert!(matches!(lt, Ok(true)));
        let e = compare_bool(&mut vm, CompareOp::Lt, &Value::Int(1), &Value::str("a")).err().map(|e| err_message(&e));
        assert_eq!(e.as_deref(), Some("TypeError: '<' not supported between instances of 'int' and 'str'"));
    }

    #[test]
    fn dict_iteration_detects_size_changes() {
        let mut vm = vm();
        let d = Rc::new(PyDict::new());
        let _ = d.set(Value::Int(1), Value::Int(1));
        let it = get_iter(&mut vm, &Value::Dict(d.clone())).unwrap_or(Value::None);
        assert!(matches!(next(&mut vm, &it), Ok(Some(Value::Int(1)))));
        let _ = d.set(Value::Int(2), Value::Int(2));
        let e = next(&mut vm, &it).err().map(|e| err_message(&e));
        assert_eq!(e.as_deref(), Some("RuntimeError: dictionary changed size during iteration"));
        // 1, True and 1.0 are one key.
        let _ = d.set(Value::bool(true), Value::str("t"));
        let _ = d.set(Value::float(1.0), Value::str("f"));
        assert_eq!(show(&mut vm, &Value::Dict(d)), "{1: 'f', 2: 2}");
    }

    #[test]
    fn attribute_and_method_lookup() {
        let mut vm = vm();
        let l = ints(&[1]);
        let by_name = lookup_method_name(&l, &PyStr::new("append".into()));
        assert!(matches!(&by_name, Some(Value::Native(n)) if n.name == "append"));
        assert!(lookup_method(&l, "append").is_some());
        assert!(lookup_method_name(&l, &PyStr::new("nope".into())).is_none());
        let bound = getattr(&mut vm, &l, "append").unwrap_or(Value::None);
        assert!(matches!(&bound, Value::Method(m) if m.self_value.is(&l)));
        let e = getattr(&mut vm, &Value::Int(1), "foo").err().map(|e| err_message(&e));
        assert_eq!(e.as_deref(), Some("AttributeError: 'int' object has no attribute 'foo'"));
        let e = setattr(&mut vm, &l, "x", Value::None).err().map(|e| err_message(&e));
        assert_eq!(e.as_deref(), Some("AttributeError: 'list' object has no attribute 'x'"));
        let r = Value::Range(Rc::new(crate::value::PyRange { start: 1, stop: 9, step: 2 }));
        assert!(matches!(getattr(&mut vm, &r, "step"), Ok(Value::Int(2))));
    }

    #[test]
    fn hashes_match_cpython() {
        let t = Value::tuple(vec![Value::Int(1), Value::Int(2)]);
        assert_eq!(hash(&t).ok(), Some(-3550055125485641917));
        assert_eq!(hash(&Value::Int(-1)).ok(), Some(-2));
        let e = hash(&ints(&[])).err().map(|e| err_message(&e));
        assert_eq!(e.as_deref(), Some("TypeError: unhashable type: 'list'"));
        let r = Value::Range(Rc::new(crate::value::PyRange { start: 0, stop: 0, step: 1 }));
        let r2 = Value::Range(Rc::new(crate::value::PyRange { start: 5, stop: 1, step: 3 }));
        assert_eq!(hash(&r).ok(), hash(&r2).ok());
    }
}
