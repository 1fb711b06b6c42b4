//! The `bisect` module: binary search in sorted sequences (`bisect_left`/`bisect_right`) and
//! insertion keeping them sorted (`insort_left`/`insort_right`), with `lo`/`hi` bounds and a
//! `key` function, comparing with `<` only like CPython.

use std::rc::Rc;

use crate::builtins::args::{parse, Signature};
use crate::error::{PyErr, PyResult};
use crate::modules::math::index_vm;
use crate::objects::int;
use crate::ops;
use crate::value::{CallArgs, PyModule, Value};
use crate::vm::Vm;

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("bisect");
    m.add_function("bisect_left", bisect_left);
    m.add_function("bisect_right", bisect_right);
    m.add_function("insort_left", insort_left);
    m.add_function("insort_right", insort_right);
    if let Some(f) = m.dict.get_str("bisect_right") {
        m.add("bisect", f);
    }
    if let Some(f) = m.dict.get_str("insort_right") {
        m.add("insort", f);
    }
    Ok(m)
}

const PARAMS: &[&str] = &["a", "x", "lo", "hi", "key"];

struct Search {
    seq: Value,
    x: Value,
    lo: usize,
    hi: usize,
    key: Option<Value>,
}

fn parse_search(vm: &mut Vm, name: &str, args: &CallArgs<'_>) -> PyResult<Search> {
    let sig = Signature { name, params: PARAMS, positional: 4, required: 2, positional_only: 0 };
    let [a, x, lo, hi, key] = parse::<5>(args, &sig)?;
    let (Some(a), Some(x)) = (a, x) else {
        return Err(PyErr::type_error(format!("{name}() missing required argument 'a' (pos 1)")));
    };
    let lo = match lo {
        Some(v) => int::index_i64(&index_vm(vm, v)?)?,
        None => 0,
    };
    if lo < 0 {
        return Err(PyErr::value_error("lo must be non-negative"));
    }
    let hi = match hi {
        None | Some(Value::None) => -1,
        Some(v) => int::index_i64(&index_vm(vm, v)?)?,
    };
    let hi = if hi == -1 { ops::len(vm, a)? as i64 } else { hi };
    let key = match key {
        None | Some(Value::None) => None,
        Some(k) => Some(k.clone()),
    };
    Ok(Search { seq: a.clone(), x: x.clone(), lo: lo as usize, hi: hi.max(0) as usize, key })
}

/// `seq[index]` (a list element is cloned out of its borrow).
fn item_at(vm: &mut Vm, seq: &Value, index: usize) -> PyResult<Value> {
    if let Value::List(l) = seq {
        if let Some(v) = l.items.borrow().get(index) {
            return Ok(v.clone());
        }
        return Err(PyErr::index_error("list index out of range"));
    }
    ops::getitem(vm, seq, &Value::Int(index as i64))
}

/// The insertion point for `x`: leftmost (`right == false`) or rightmost among equal items.
fn search(vm: &mut Vm, s: &Search, x: &Value, right: bool) -> PyResult<usize> {
    let (mut lo, mut hi) = (s.lo, s.hi);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let mut item = item_at(vm, &s.seq, mid)?;
        if let Some(key) = &s.key {
            item = vm.call(key, &[item])?;
        }
        let go_right = if right { !ops::lt(vm, x, &item)? } else { ops::lt(vm, &item, x)? };
        if go_right {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

fn bisect_left(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let s = parse_search(vm, "bisect_left", &args)?;
    Ok(Value::Int(search(vm, &s, &s.x, false)? as i64))
}

fn bisect_right(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let s = parse_search(vm, "bisect_right", &args)?;
    Ok(Value::Int(search(vm, &s, &s.x, true)? as i64))
}

fn insort(vm: &mut Vm, name: &str, args: &CallArgs<'_>, right: bool) -> PyResult<Value> {
    let s = parse_search(vm, name, args)?;
    let probe = match &s.key {
        Some(key) => vm.call(key, &[s.x.clone()])?,
        None => s.x.clone(),
    };
    let index = search(vm, &s, &probe, right)?;
    match &s.seq {
        Value::List(l) => {
            let mut items = l.items.borrow_mut();
            let at = index.min(items.len());
            items.try_reserve(1).map_err(|_| PyErr::memory_error())?;
            items.insert(at, s.x.clone());
        }
        other => {
            let insert = ops::getattr(vm, other, "insert")?;
            vm.call(&insert, &[Value::Int(index as i64), s.x.clone()])?;
        }
    }
    Ok(Value::None)
}

fn insort_left(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    insort(vm, "insort_left", &args, false)
}

fn insort_right(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    insort(vm, "insort_right", &args, true)
}
