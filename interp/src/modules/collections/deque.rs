//! `collections.deque`: a double-ended queue over a `VecDeque`, optionally bounded by
//! `maxlen` (appending to a full deque drops an item from the other end).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::int::index_i64;
use crate::objects::types::{type_of, PyType};
use crate::ops::{self, Nest};
use crate::value::{CallArgs, NativeState, Value};
use crate::vm::Vm;

use crate::modules::support::{new_object, object_dict, state_of};

/// The Rust state of a deque.
pub struct Deque {
    pub items: RefCell<VecDeque<Value>>,
    pub maxlen: Cell<Option<usize>>,
}

impl NativeState for Deque {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        // A collection can start while the items are borrowed: then they are not reported.
        if let Ok(items) = self.items.try_borrow() {
            for v in items.iter() {
                visit(v);
            }
        }
    }
    fn clear(&self) {
        let taken = self.items.try_borrow_mut().map(|mut items| std::mem::take(&mut *items));
        drop(taken);
    }
}

impl Deque {
    fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().iter().cloned().collect()
    }

    fn push_back(&self, v: Value) -> PyResult<()> {
        let mut items = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return Ok(());
        }
        if let Some(max) = self.maxlen.get() {
            while items.len() >= max {
                items.pop_front();
            }
        }
        items.try_reserve(1).map_err(|_| PyErr::memory_error())?;
        items.push_back(v);
        Ok(())
    }

    fn push_front(&self, v: Value) -> PyResult<()> {
        let mut items = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return Ok(());
        }
        if let Some(max) = self.maxlen.get() {
            while items.len() >= max {
                items.pop_back();
            }
        }
        items.try_reserve(1).map_err(|_| PyErr::memory_error())?;
        items.push_front(v);
        Ok(())
    }
}

thread_local! {
    static DEQUE_TYPE: RefCell<Option<Rc<PyType>>> = const { RefCell::new(None) };
}

/// The `collections.deque` type (created once per thread).
pub fn deque_type() -> Rc<PyType> {
    DEQUE_TYPE.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| PyType::new_native("deque", "collections", METHODS))
            .clone()
    })
}

const METHODS: &[(&str, crate::value::NativeFn)] = &[
    ("__new__", deque_new),
    ("__init__", deque_init),
    ("__repr__", deque_repr),
    ("__len__", deque_len),
    ("__bool__", deque_bool),
    ("__iter__", deque_iter),
    ("__reversed__", deque_reversed),
    ("__contains__", deque_contains),
    ("__getitem__", deque_getitem),
    ("__setitem__", deque_setitem),
    ("__delitem__", deque_delitem),
    ("__eq__", deque_eq),
    ("__ne__", deque_ne),
    ("__lt__", deque_lt),
    ("__le__", deque_le),
    ("__gt__", deque_gt),
    ("__ge__", deque_ge),
    ("__add__", deque_add),
    ("__iadd__", deque_iadd),
    ("__mul__", deque_mul),
    ("__rmul__", deque_mul),
    ("__imul__", deque_imul),
    ("__copy__", deque_copy),
    ("append", deque_append),
    ("appendleft", deque_appendleft),
    ("pop", deque_pop),
    ("popleft", deque_popleft),
    ("extend", deque_extend),
    ("extendleft", deque_extendleft),
    ("rotate", deque_rotate),
    ("clear", deque_clear),
    ("count", deque_count),
    ("index", deque_index),
    ("remove", deque_remove),
    ("insert", deque_insert),
    ("reverse", deque_reverse),
    ("copy", deque_copy),
];

/// A new empty deque of class `class` (a subclass gets an instance dict).
fn make(class: &Rc<PyType>, maxlen: Option<usize>) -> Value {
    let value = new_object(class, Deque { items: RefCell::new(VecDeque::new()), maxlen: Cell::new(maxlen) }, true);
    set_maxlen_attr(&value, maxlen);
    value
}

fn set_maxlen_attr(value: &Value, maxlen: Option<usize>) {
    if let Some(d) = object_dict(value) {
        d.set_str("maxlen", maxlen.map_or(Value::None, |m| Value::Int(m as i64)));
    }
}

/// `self` as a deque, or TypeError.
fn this<'a>(args: &CallArgs<'a>, method: &str) -> PyResult<&'a Deque> {
    crate::modules::support::self_state::<Deque>(args, "collections.deque", method)
}

fn arg<'a>(args: &CallArgs<'a>, method: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    crate::objects::args::check_no_kwargs(("deque", method), args)?;
    let rest = args.args.get(1..).unwrap_or(&[]);
    if rest.len() < min || rest.len() > max {
        let msg = if min == max && min == 1 {
            format!("deque.{method}() takes exactly one argument ({} given)", rest.len())
        } else if max == 0 {
            format!("deque.{method}() takes no arguments ({} given)", rest.len())
        } else if rest.len() > max {
            format!("{method} expected at most {max} argument{}, got {}", if max == 1 { "" } else { "s" }, rest.len())
        } else {
            format!("{method} expected at least {min} argument{}, got {}", if min == 1 { "" } else { "s" }, rest.len())
        };
        return Err(PyErr::type_error(msg));
    }
    Ok(rest)
}

fn deque_new(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let class = match args.args.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => deque_type(),
    };
    Ok(make(&class, None))
}

fn parse_maxlen(v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let n = index_i64(v)?;
            if n < 0 {
                return Err(PyErr::value_error("maxlen must be non-negative"));
            }
            Ok(Some(n as usize))
        }
    }
}

fn deque_init(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "__init__")?;
    let pos = args.positional();
    let pos = pos.get(1..).unwrap_or(&[]);
    if pos.len() + args.kwnames.len() > 2 {
        return Err(PyErr::type_error(format!(
            "deque() takes at most 2 arguments ({} given)",
            pos.len() + args.kwnames.len()
        )));
    }
    let mut iterable = pos.first();
    let mut maxlen = pos.get(1);
    for (name, value) in args.keywords() {
        match name {
            "iterable" if iterable.is_none() => iterable = Some(value),
            "maxlen" if maxlen.is_none() => maxlen = Some(value),
            "iterable" | "maxlen" => {
                return Err(PyErr::type_error(format!("argument for deque() given by name ('{name}') and position")))
            }
            other => return Err(PyErr::type_error(format!("deque() got an unexpected keyword argument '{other}'"))),
        }
    }
    let maxlen = parse_maxlen(maxlen)?;
    d.maxlen.set(maxlen);
    set_maxlen_attr(&args.args[0], maxlen);
    d.items.borrow_mut().clear();
    if let Some(it) = iterable {
        for v in ops::collect(vm, it)? {
            d.push_back(v)?;
        }
    }
    Ok(Value::None)
}

thread_local! {
    /// Deques whose repr is being built (a deque containing itself prints `[...]`).
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

fn deque_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "__repr__")?;
    let me = &args.args[0];
    let name = type_of(me).name.to_string();
    let addr = me.heap_ptr().unwrap_or(0);
    if REPR_ACTIVE.with(|a| a.borrow().contains(&addr)) {
        return Ok(Value::str("[...]"));
    }
    let _nest = Nest::enter(" while getting the repr of an object")?;
    REPR_ACTIVE.with(|a| a.borrow_mut().push(addr));
    let items = d.snapshot();
    let mut out = format!("{name}([");
    let mut result = Ok(());
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match ops::repr(vm, item) {
            Ok(text) => out.push_str(&text),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    REPR_ACTIVE.with(|a| a.borrow_mut().retain(|&x| x != addr));
    result?;
    out.push(']');
    if let Some(m) = d.maxlen.get() {
        out.push_str(&format!(", maxlen={m}"));
    }
    out.push(')');
    Ok(Value::string(out))
}

fn deque_len(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(&args, "__len__")?.items.borrow().len() as i64))
}

fn deque_bool(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::bool(!this(&args, "__bool__")?.items.borrow().is_empty()))
}

fn deque_iter(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let items = this(&args, "__iter__")?.snapshot();
    ops::get_iter(vm, &Value::list(items))
}

fn deque_reversed(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let mut items = this(&args, "__reversed__")?.snapshot();
    items.reverse();
    ops::get_iter(vm, &Value::list(items))
}

fn deque_contains(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "__contains__")?;
    let needle = arg(&args, "__contains__", 1, 1)?[0].clone();
    for item in d.snapshot() {
        if item.is(&needle) || ops::eq(vm, &item, &needle)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

/// The position of index `key` in a deque of `len` items.
fn position(key: &Value, len: usize) -> PyResult<usize> {
    if let Value::Slice(_) = key {
        return Err(PyErr::type_error("sequence index must be integer, not 'slice'"));
    }
    let i = index_i64(key).map_err(|_| {
        PyErr::type_error(format!("sequence index must be integer, not '{}'", type_of(key).name))
    })?;
    let resolved = if i < 0 { i + len as i64 } else { i };
    if resolved < 0 || resolved >= len as i64 {
        return Err(PyErr::index_error("deque index out of range"));
    }
    Ok(resolved as usize)
}

fn deque_getitem(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "__getitem__")?;
    let key = &arg(&args, "__getitem__", 1, 1)?[0];
    let items = d.items.borrow();
    let pos = position(key, items.len())?;
    Ok(items.get(pos).cloned().unwrap_or(Value::None))
}

fn deque_setitem(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "__setitem__")?;
    let rest = arg(&args, "__setitem__", 2, 2)?;
    let pos = position(&rest[0], d.items.borrow().len())?;
    let old = {
        let mut items = d.items.borrow_mut();
        items.get_mut(pos).map(|slot| std::mem::replace(slot, rest[1].clone()))
    };
    drop(old);
    Ok(Value::None)
}

fn deque_delitem(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "__delitem__")?;
    let key = &arg(&args, "__delitem__", 1, 1)?[0];
    let pos = position(key, d.items.borrow().len())?;
    let old = d.items.borrow_mut().remove(pos);
    drop(old);
    Ok(Value::None)
}

/// Lexicographic comparison of two deques; `None` when `other` is not a deque.
fn compare(vm: &mut Vm, args: &CallArgs<'_>, op: crate::bytecode::opcodes::CompareOp) -> PyResult<Value> {
    let d = this(args, "__eq__")?;
    let other = &arg(args, "__eq__", 1, 1)?[0];
    let Some(o) = state_of::<Deque>(other) else {
        return Ok(Value::NotImplemented);
    };
    let a = Value::list(d.snapshot());
    let b = Value::list(o.snapshot());
    ops::compare(vm, op, &a, &b)
}

fn deque_eq(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Eq)
}
fn deque_ne(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Ne)
}
fn deque_lt(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Lt)
}
fn deque_le(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Le)
}
fn deque_gt(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Gt)
}
fn deque_ge(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Ge)
}

/// A new deque of `self`'s class and maxlen holding `items`.
fn same_kind(me: &Value, d: &Deque, items: Vec<Value>) -> PyResult<Value> {
    let out = make(&type_of(me), d.maxlen.get());
    if let Some(o) = state_of::<Deque>(&out) {
        for v in items {
            o.push_back(v)?;
        }
    }
    Ok(out)
}

fn deque_add(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "__add__")?;
    let other = &arg(&args, "__add__", 1, 1)?[0];
    let Some(o) = state_of::<Deque>(other) else {
        return Err(PyErr::type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            type_of(other).name
        )));
    };
    let mut items = d.snapshot();
    items.extend(o.snapshot());
    same_kind(&args.args[0], d, items)
}

fn deque_iadd(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "__iadd__")?;
    let other = &arg(&args, "__iadd__", 1, 1)?[0];
    for v in ops::collect(vm, other)? {
        d.push_back(v)?;
    }
    Ok(args.args[0].clone())
}

fn repeat_count(v: &Value) -> PyResult<i64> {
    index_i64(v).map_err(|_| {
        PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", type_of(v).name))
    })
}

fn repeated(d: &Deque, n: i64) -> PyResult<Vec<Value>> {
    let items = d.snapshot();
    let n = n.max(0) as usize;
    let total = items.len().checked_mul(n).ok_or_else(PyErr::memory_error)?;
    // A bounded deque keeps only the last `maxlen` items: do not build more than that.
    let keep = d.maxlen.get().map_or(total, |m| m.min(total));
    let mut out = Vec::new();
    out.try_reserve(keep).map_err(|_| PyErr::memory_error())?;
    if !items.is_empty() {
        for i in total - keep..total {
            out.push(items[i % items.len()].clone());
        }
    }
    Ok(out)
}

fn deque_mul(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "__mul__")?;
    let n = repeat_count(&arg(&args, "__mul__", 1, 1)?[0])?;
    let items = repeated(d, n)?;
    same_kind(&args.args[0], d, items)
}

fn deque_imul(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "__imul__")?;
    let n = repeat_count(&arg(&args, "__imul__", 1, 1)?[0])?;
    let items = repeated(d, n)?;
    let old = std::mem::take(&mut *d.items.borrow_mut());
    drop(old);
    for v in items {
        d.push_back(v)?;
    }
    Ok(args.args[0].clone())
}

fn deque_copy(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "copy")?;
    arg(&args, "copy", 0, 0)?;
    same_kind(&args.args[0], d, d.snapshot())
}

fn deque_append(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "append")?;
    d.push_back(arg(&args, "append", 1, 1)?[0].clone())?;
    Ok(Value::None)
}

fn deque_appendleft(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "appendleft")?;
    d.push_front(arg(&args, "appendleft", 1, 1)?[0].clone())?;
    Ok(Value::None)
}

fn deque_pop(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "pop")?;
    arg(&args, "pop", 0, 0)?;
    let v = d.items.borrow_mut().pop_back();
    v.ok_or_else(|| PyErr::index_error("pop from an empty deque"))
}

fn deque_popleft(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "popleft")?;
    arg(&args, "popleft", 0, 0)?;
    let v = d.items.borrow_mut().pop_front();
    v.ok_or_else(|| PyErr::index_error("pop from an empty deque"))
}

fn deque_extend(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "extend")?;
    let it = &arg(&args, "extend", 1, 1)?[0];
    for v in ops::collect(vm, it)? {
        d.push_back(v)?;
    }
    Ok(Value::None)
}

fn deque_extendleft(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "extendleft")?;
    let it = &arg(&args, "extendleft", 1, 1)?[0];
    for v in ops::collect(vm, it)? {
        d.push_front(v)?;
    }
    Ok(Value::None)
}

fn deque_rotate(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "rotate")?;
    let rest = arg(&args, "rotate", 0, 1)?;
    let n = match rest.first() {
        Some(v) => index_i64(v)?,
        None => 1,
    };
    let mut items = d.items.borrow_mut();
    let len = items.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }
    Ok(Value::None)
}

fn deque_clear(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "clear")?;
    arg(&args, "clear", 0, 0)?;
    let old = std::mem::take(&mut *d.items.borrow_mut());
    drop(old);
    Ok(Value::None)
}

fn deque_count(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "count")?;
    let needle = arg(&args, "count", 1, 1)?[0].clone();
    let mut n = 0;
    for item in d.snapshot() {
        if item.is(&needle) || ops::eq(vm, &item, &needle)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// Clamp a start/stop argument of `index` like slice bounds.
fn bound(v: Option<&Value>, len: usize, default: usize) -> PyResult<usize> {
    match v {
        None => Ok(default),
        Some(v) => {
            let i = index_i64(v)?;
            let i = if i < 0 { (i + len as i64).max(0) } else { i };
            Ok((i as usize).min(len))
        }
    }
}

fn deque_index(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "index")?;
    let rest = arg(&args, "index", 1, 3)?;
    let items = d.snapshot();
    let start = bound(rest.get(1), items.len(), 0)?;
    let stop = bound(rest.get(2), items.len(), items.len())?;
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if item.is(&rest[0]) || ops::eq(vm, item, &rest[0])? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(PyErr::value_error(format!("{} is not in deque", ops::repr(vm, &rest[0])?)))
}

fn deque_remove(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "remove")?;
    let needle = arg(&args, "remove", 1, 1)?[0].clone();
    for (i, item) in d.snapshot().iter().enumerate() {
        if item.is(&needle) || ops::eq(vm, item, &needle)? {
            let old = d.items.borrow_mut().remove(i);
            drop(old);
            return Ok(Value::None);
        }
    }
    Err(PyErr::value_error(format!("{} is not in deque", ops::repr(vm, &needle)?)))
}

fn deque_insert(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "insert")?;
    let rest = arg(&args, "insert", 2, 2)?;
    let len = d.items.borrow().len();
    if d.maxlen.get().is_some_and(|m| len >= m) {
        return Err(PyErr::index_error("deque already at its maximum size"));
    }
    let i = index_i64(&rest[0])?;
    let pos = if i < 0 { (i + len as i64).max(0) as usize } else { (i as usize).min(len) };
    d.items.borrow_mut().insert(pos, rest[1].clone());
    Ok(Value::None)
}

fn deque_reverse(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let d = this(&args, "reverse")?;
    arg(&args, "reverse", 0, 0)?;
    d.items.borrow_mut().make_contiguous().reverse();
    Ok(Value::None)
}
