//! Iterator objects: one `PyIterator` type whose state says what it walks, and `next` for
//! every kind. Iterators over builtin containers never run Python code while their state is
//! borrowed; the ones that call into Python (map, filter, and those wrapping other iterators)
//! clone what they need and release the borrow first.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::set::PySet;
use crate::objects::str::PyStr;
use crate::ops;
use crate::value::{DictViewKind, PyList, PyTuple, Value};
use crate::vm::Vm;

pub struct PyIterator {
    pub state: RefCell<IterKind>,
}

pub enum IterKind {
    /// `iter(list)`: `index` is the next position (the VM's FOR_ITER reads this directly).
    List { list: Rc<PyList>, index: usize },
    Tuple { tuple: Rc<PyTuple>, index: usize },
    /// `iter(range)`: the VM's FOR_ITER reads this directly. Saturates at the i64 bounds.
    Range { next: i64, stop: i64, step: i64 },
    Str { s: Rc<PyStr>, byte_pos: usize },
    /// Keys of a dict without the size-change check (prefer `Dict`).
    DictKeys { dict: Rc<PyDict>, index: usize },
    /// `enumerate(inner, start)`: `count` is the next index; `last` the last `(index, item)`
    /// tuple produced without references (`enumerate_pair`), reused when nothing else holds it.
    Enumerate { inner: Value, count: Value, last: Option<Rc<PyTuple>> },
    Zip { iters: Vec<Value> },
    Map { func: Value, iters: Vec<Value> },
    Filter { func: Value, inner: Value },
    Exhausted,
    /// Keys, values or items of a dict. `pos` is the next raw entry position; `expected_len`
    /// the dict's size when iteration started (usize::MAX once the size-change error fired);
    /// `remaining` the entries still to produce.
    Dict { dict: Rc<PyDict>, pos: usize, expected_len: usize, remaining: usize, kind: DictViewKind },
    /// Keys of a set, by slot position.
    Set { set: Rc<PySet>, pos: usize, expected_len: usize },
    /// `reversed(list)`: `remaining` items before the start are still to produce.
    ListReversed { list: Rc<PyList>, remaining: usize },
    /// `reversed()` of a tuple (or of a snapshot of another sequence).
    TupleReversed { tuple: Rc<PyTuple>, remaining: usize },
    /// `iter(callable, sentinel)`.
    Callable { func: Value, sentinel: Value },
    /// `iter(bytes)` / `iter(bytearray)`: `data` is the bytes-like value.
    Bytes { data: Value, index: usize },
    /// An iterator implemented by a standard module (`itertools.count`, `heapq.merge`, ...).
    Native(Rc<dyn NativeIterator>),
}

/// The behaviour of an iterator implemented by a standard module. It keeps its own state in
/// `RefCell`s and must not hold a borrow of it across a call into Python code.
pub trait NativeIterator {
    /// The type name CPython shows for it (`"count"`, `"chain"`, `"generator"`).
    fn type_name(&self) -> &'static str;
    /// The next item; `Ok(None)` when exhausted.
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>>;
    /// `repr()`, when the type has a custom one (`count(5)`, `repeat('a', 3)`).
    fn repr(&self, _vm: &mut Vm) -> Option<PyResult<String>> {
        None
    }
    /// Call `visit` on every value this iterator references (for the cycle collector).
    fn trace(&self, _visit: &mut dyn FnMut(&Value)) {}
}

impl PyIterator {
    pub fn new(kind: IterKind) -> PyIterator {
        PyIterator { state: RefCell::new(kind) }
    }
}

/// Wrap an iterator state into a value.
pub fn make(kind: IterKind) -> Value {
    crate::gc::tracked(Value::Iter(Rc::new(PyIterator::new(kind))))
}

/// The CPython type name of an iterator (for reprs).
pub fn type_name(it: &PyIterator) -> &'static str {
    match &*it.state.borrow() {
        IterKind::List { .. } => "list_iterator",
        IterKind::Tuple { .. } => "tuple_iterator",
        IterKind::Range { .. } => "range_iterator",
        IterKind::Str { s, .. } => {
            if s.is_ascii() {
                "str_ascii_iterator"
            } else {
                "str_iterator"
            }
        }
        IterKind::DictKeys { .. } => "dict_keyiterator",
        IterKind::Dict { kind, .. } => match kind {
            DictViewKind::Keys => "dict_keyiterator",
            DictViewKind::Values => "dict_valueiterator",
            DictViewKind::Items => "dict_itemiterator",
        },
        IterKind::Set { .. } => "set_iterator",
        IterKind::Enumerate { .. } => "enumerate",
        IterKind::Zip { .. } => "zip",
        IterKind::Map { .. } => "map",
        IterKind::Filter { .. } => "filter",
        IterKind::ListReversed { .. } => "list_reverseiterator",
        IterKind::TupleReversed { .. } => "reversed",
        IterKind::Callable { .. } => "callable_iterator",
        IterKind::Bytes { data: Value::ByteArray(_), .. } => "bytearray_iterator",
        IterKind::Bytes { .. } => "bytes_iterator",
        IterKind::Native(n) => n.type_name(),
        IterKind::Exhausted => "iterator",
    }
}

/// The custom `repr()` of a module-implemented iterator that has one (`count(5)`).
pub fn custom_repr(vm: &mut Vm, it: &PyIterator) -> Option<PyResult<String>> {
    let native = match &*it.state.borrow() {
        IterKind::Native(n) => n.clone(),
        _ => return None,
    };
    native.repr(vm)
}

/// An iterator over the keys, values or items of `dict`.
pub fn dict_iter(dict: &Rc<PyDict>, kind: DictViewKind) -> Value {
    let len = dict.len();
    make(IterKind::Dict { dict: dict.clone(), pos: 0, expected_len: len, remaining: len, kind })
}

/// An iterator over the keys of a set or frozenset.
pub fn set_iter(set: &Rc<PySet>) -> Value {
    make(IterKind::Set { set: set.clone(), pos: 0, expected_len: set.len() })
}

/// `reversed(v)` for builtin sequences.
pub fn reversed(v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::List(l) => {
            let n = l.items.borrow().len();
            make(IterKind::ListReversed { list: l.clone(), remaining: n })
        }
        Value::Tuple(t) => make(IterKind::TupleReversed { tuple: t.clone(), remaining: t.items.len() }),
        Value::Str(s) => {
            let chars: Vec<Value> = s.as_str().chars().map(crate::objects::str::char_value).collect();
            let n = chars.len();
            make(IterKind::TupleReversed { tuple: Rc::new(PyTuple { items: chars.into_boxed_slice() }), remaining: n })
        }
        Value::Range(r) => {
            let n = crate::objects::range::length(r);
            if n == 0 {
                make(IterKind::Range { next: 0, stop: 0, step: 1 })
            } else {
                let last = r.start as i128 + (n - 1) * r.step as i128;
                let before_first = r.start as i128 - r.step as i128;
                let stop = before_first.clamp(i64::MIN as i128, i64::MAX as i128) as i64;
                let step = (-(r.step as i128)).clamp(i64::MIN as i128, i64::MAX as i128) as i64;
                make(IterKind::Range { next: last as i64, stop, step })
            }
        }
        Value::Dict(_) | Value::DictView(_) => {
            let (dict, kind) = match v {
                Value::Dict(d) => (d.clone(), DictViewKind::Keys),
                Value::DictView(view) => (view.dict.clone(), view.kind),
                _ => return Err(not_reversible(v)),
            };
            let items: Vec<Value> = dict
                .items()
                .into_iter()
                .rev()
                .map(|(k, val)| match kind {
                    DictViewKind::Keys => k,
                    DictViewKind::Values => val,
                    DictViewKind::Items => Value::tuple(vec![k, val]),
                })
                .collect();
            // Stored reversed already, so walk it forwards.
            make(IterKind::Tuple { tuple: Rc::new(PyTuple { items: items.into_boxed_slice() }), index: 0 })
        }
        _ => return Err(not_reversible(v)),
    })
}

fn not_reversible(v: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not reversible", v.type_id().name()))
}

/// Advance an iterator: `Ok(None)` when it is exhausted.
pub fn next(vm: &mut Vm, it: &Rc<PyIterator>) -> PyResult<Option<Value>> {
    // Kinds that never call into Python are advanced under the borrow.
    {
        let mut state = it.state.borrow_mut();
        match &mut *state {
            kind @ (IterKind::List { .. } | IterKind::Tuple { .. } | IterKind::Range { .. }) => {
                return Ok(step_sequence(kind).unwrap_or(None));
            }
            // `enumerate` over a list, tuple or range iterator (`for i, x in enumerate(xs)`):
            // stepped here, without `next_calling`'s plan and recursion guard.
            IterKind::Enumerate { inner: Value::Iter(inner), count: Value::Int(n), last } if !Rc::ptr_eq(inner, it) && *n < i64::MAX => {
                if let Ok(mut inner_state) = inner.state.try_borrow_mut() {
                    if let Some(step) = step_sequence(&mut inner_state) {
                        let Some(item) = step else { return Ok(None) };
                        let index = *n;
                        *n = index + 1;
                        return Ok(Some(enumerate_pair(last, index, item)));
                    }
                }
            }
            IterKind::Bytes { data, index } => {
                let byte = crate::objects::bytes::view(data).and_then(|d| d.get(*index).copied());
                if byte.is_some() {
                    *index += 1;
                }
                return Ok(byte.map(|b| Value::Int(b as i64)));
            }
            IterKind::Str { s, byte_pos } => {
                let rest = s.as_str().get(*byte_pos..).unwrap_or("");
                return Ok(match rest.chars().next() {
                    Some(c) => {
                        *byte_pos += c.len_utf8();
                        Some(crate::objects::str::char_value(c))
                    }
                    None => None,
                });
            }
            IterKind::DictKeys { dict, index } => {
                return Ok(match dict.entry_from(*index) {
                    Some((pos, k, _)) => {
                        *index = pos + 1;
                        Some(k)
                    }
                    None => {
                        *index = usize::MAX;
                        None
                    }
                });
            }
            IterKind::Dict { dict, pos, expected_len, remaining, kind } => {
                if dict.len() != *expected_len {
                    *expected_len = usize::MAX;
                    return Err(PyErr::runtime_error("dictionary changed size during iteration"));
                }
                return match dict.entry_from(*pos) {
                    Some((p, k, v)) => {
                        if *remaining == 0 {
                            *expected_len = usize::MAX;
                            return Err(PyErr::runtime_error("dictionary keys changed during iteration"));
                        }
                        *remaining -= 1;
                        *pos = p + 1;
                        Ok(Some(match kind {
                            DictViewKind::Keys => k,
                            DictViewKind::Values => v,
                            DictViewKind::Items => Value::tuple(vec![k, v]),
                        }))
                    }
                    None => {
                        *pos = usize::MAX;
                        Ok(None)
                    }
                };
            }
            IterKind::Set { set, pos, expected_len } => {
                if set.len() != *expected_len {
                    *expected_len = usize::MAX;
                    return Err(PyErr::runtime_error("Set changed size during iteration"));
                }
                return Ok(match set.entry_from(*pos) {
                    Some((p, k)) => {
                        *pos = p + 1;
                        Some(k)
                    }
                    None => {
                        *pos = usize::MAX;
                        None
                    }
                });
            }
            IterKind::ListReversed { list, remaining } => {
                let items = list.items.borrow();
                if *remaining == 0 {
                    return Ok(None);
                }
                let pos = *remaining - 1;
                return Ok(match items.get(pos) {
                    Some(v) => {
                        *remaining = pos;
                        Some(v.clone())
                    }
                    None => {
                        *remaining = 0;
                        None
                    }
                });
            }
            IterKind::TupleReversed { tuple, remaining } => {
                if *remaining == 0 {
                    return Ok(None);
                }
                *remaining -= 1;
                return Ok(tuple.items.get(*remaining).cloned());
            }
            IterKind::Exhausted => return Ok(None),
            IterKind::Enumerate { .. }
            | IterKind::Zip { .. }
            | IterKind::Map { .. }
            | IterKind::Filter { .. }
            | IterKind::Callable { .. } => {}
            IterKind::Native(native) => {
                let native = native.clone();
                drop(state);
                // Chains of module iterators recurse natively; bound them.
                let _nest = ops::Nest::enter("")?;
                return native.next(vm);
            }
        }
    }
    next_calling(vm, it)
}

/// `(index, item)` for `enumerate`'s fast path. Like CPython's enumerate, it rewrites its
/// last tuple in place when nothing else holds it any more (`for i, x in enumerate(xs)`
/// unpacks and drops each tuple before the next step): one allocation per loop instead of
/// one per item. Only for items without references, whose tuples the cycle collector does
/// not track (it holds weak handles, and a tuple it tracks cannot be written).
#[inline]
fn enumerate_pair(last: &mut Option<Rc<PyTuple>>, index: i64, item: Value) -> Value {
    if crate::gc::trace::may_hold_references(&item) {
        return Value::tuple(vec![Value::Int(index), item]);
    }
    if let Some(tuple) = last.as_mut() {
        if let Some(unshared) = Rc::get_mut(tuple) {
            if let [first, second] = &mut *unshared.items {
                // `discard`: an assignment drops the old items through the drop glue's call.
                std::mem::replace(first, Value::Int(index)).discard();
                std::mem::replace(second, item).discard();
                return Value::Tuple(tuple.clone());
            }
        }
    }
    let tuple = Rc::new(PyTuple { items: Box::new([Value::Int(index), item]) });
    *last = Some(tuple.clone());
    Value::Tuple(tuple)
}

/// One step of a list, tuple or range iterator (kinds that never call into Python): the next
/// item or `None` at the end; `None` for every other kind.
#[inline(always)] // FOR_ITER's fast path in the dispatch loop (`handlers::next_of_sequence`)
pub(crate) fn step_sequence(state: &mut IterKind) -> Option<Option<Value>> {
    Some(match state {
        IterKind::List { list, index } => {
            let items = list.items.borrow();
            match items.get(*index) {
                Some(v) => {
                    *index += 1;
                    Some(v.clone())
                }
                None => {
                    *index = usize::MAX;
                    None
                }
            }
        }
        IterKind::Tuple { tuple, index } => match tuple.items.get(*index) {
            Some(v) => {
                *index += 1;
                Some(v.clone())
            }
            None => None,
        },
        IterKind::Range { next, stop, step } => {
            let cur = *next;
            if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
                *next = cur.saturating_add(*step);
                if *next == cur {
                    *stop = cur;
                }
                Some(Value::Int(cur))
            } else {
                None
            }
        }
        _ => return None,
    })
}

/// `next` for the kinds that run other iterators or Python callables.
fn next_calling(vm: &mut Vm, it: &Rc<PyIterator>) -> PyResult<Option<Value>> {
    // Chains like map(f, map(f, ...)) recurse natively; bound them.
    let _nest = ops::Nest::enter("")?;
    enum Plan {
        Enumerate(Value, Value),
        Zip(Vec<Value>),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
        Callable(Value, Value),
        Done,
    }
    let plan = match &*it.state.borrow() {
        IterKind::Enumerate { inner, count, .. } => Plan::Enumerate(inner.clone(), count.clone()),
        IterKind::Zip { iters } => Plan::Zip(iters.clone()),
        IterKind::Map { func, iters } => Plan::Map(func.clone(), iters.clone()),
        IterKind::Filter { func, inner } => Plan::Filter(func.clone(), inner.clone()),
        IterKind::Callable { func, sentinel } => Plan::Callable(func.clone(), sentinel.clone()),
        _ => Plan::Done,
    };
    match plan {
        Plan::Enumerate(inner, count) => {
            let Some(item) = ops::next(vm, &inner)? else {
                return Ok(None);
            };
            let following = increment(&count);
            if let IterKind::Enumerate { count: c, .. } = &mut *it.state.borrow_mut() {
                *c = following;
            }
            Ok(Some(Value::tuple(vec![count, item])))
        }
        Plan::Zip(iters) => {
            if iters.is_empty() {
                return Ok(None);
            }
            let mut items = Vec::with_capacity(iters.len());
            for inner in &iters {
                match ops::next(vm, inner)? {
                    Some(v) => items.push(v),
                    None => {
                        *it.state.borrow_mut() = IterKind::Exhausted;
                        return Ok(None);
                    }
                }
            }
            Ok(Some(Value::tuple(items)))
        }
        Plan::Map(func, iters) => {
            let mut args = Vec::with_capacity(iters.len());
            for inner in &iters {
                match ops::next(vm, inner)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            vm.call(&func, &args).map(Some)
        }
        Plan::Filter(func, inner) => loop {
            let Some(item) = ops::next(vm, &inner)? else {
                return Ok(None);
            };
            let keep = match &func {
                _ if is_none_or_bool(&func) => ops::truthy(vm, &item)?,
                _ => {
                    let r = vm.call(&func, std::slice::from_ref(&item))?;
                    ops::truthy(vm, &r)?
                }
            };
            if keep {
                return Ok(Some(item));
            }
        },
        Plan::Callable(func, sentinel) => {
            let v = vm.call(&func, &[])?;
            if ops::eq(vm, &v, &sentinel)? {
                *it.state.borrow_mut() = IterKind::Exhausted;
                Ok(None)
            } else {
                Ok(Some(v))
            }
        }
        Plan::Done => Ok(None),
    }
}

/// `filter(None, ...)` and `filter(bool, ...)` test truth directly.
fn is_none_or_bool(func: &Value) -> bool {
    match func {
        Value::None => true,
        Value::Type(t) => t.builtin_id() == Some(crate::objects::types::TypeId::Bool),
        _ => false,
    }
}

/// `count + 1` for an enumerate counter (int or BigInt).
fn increment(count: &Value) -> Value {
    match count {
        Value::Int(i) => match i.checked_add(1) {
            Some(n) => Value::Int(n),
            None => Value::from_bigint(num_bigint::BigInt::from(*i) + 1),
        },
        Value::BigInt(b) => Value::from_bigint(b.as_ref() + 1),
        other => other.clone(),
    }
}
