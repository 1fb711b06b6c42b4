//! The `copy` module: shallow `copy` and `deepcopy` (with a memo keyed by object identity, so
//! shared and recursive structures are copied once) for builtin containers and instances of
//! user classes (`__copy__`/`__deepcopy__`, else a new instance with a copied `__dict__`).

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::modules::math::type_name_of;
use crate::objects::dict::PyDict;
use crate::objects::types::{builtin_type, type_of, TypeId};
use crate::ops;
use crate::value::{CallArgs, PyModule, PyObject, Value};
use crate::vm::Vm;

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("copy");
    m.add_function("copy", copy);
    m.add_function("deepcopy", deepcopy);
    m.add("Error", Value::Type(builtin_type(TypeId::Exception)));
    Ok(m)
}

/// Values copying returns unchanged.
fn is_atomic(v: &Value) -> bool {
    matches!(
        v,
        Value::None
            | Value::NotImplemented
            | Value::Ellipsis
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::BigInt(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::Range(_)
            | Value::Slice(_)
            | Value::Function(_)
            | Value::Native(_)
            | Value::Type(_)
            | Value::Module(_)
            | Value::Code(_)
    )
}

/// A new, uninitialized instance of `obj`'s class with `dict` as its attributes.
fn blank_like(vm: &mut Vm, obj: &Rc<PyObject>) -> PyResult<Value> {
    let class = obj.class();
    let object_new = ops::getattr(vm, &Value::Type(builtin_type(TypeId::Object)), "__new__")?;
    let base_new = if obj.base_value.is(&Value::Null) {
        object_new
    } else {
        ops::getattr(vm, &Value::Type(class.clone()), "__new__")?
    };
    let mut new_args = vec![Value::Type(class)];
    if !obj.base_value.is(&Value::Null) {
        new_args.push(obj.base_value.clone());
    }
    vm.call(&base_new, &new_args)
}

/// An instance's attributes (name, value) and `__slots__` values.
fn object_state(v: &Value) -> Option<(Vec<(Value, Value)>, Vec<Value>)> {
    match v {
        Value::Object(o) => Some((o.attr_items(), o.slots.borrow().clone())),
        _ => None,
    }
}

fn copy(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let x = crate::builtins::args::exactly_one("copy", &args)?;
    shallow(vm, x)
}

fn shallow(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    if is_atomic(x) {
        return Ok(x.clone());
    }
    Ok(match x {
        Value::List(l) => Value::list(l.items.borrow().clone()),
        Value::Tuple(_) | Value::FrozenSet(_) => x.clone(),
        Value::Dict(d) => Value::Dict(Rc::new(d.copy())),
        Value::Set(s) => Value::Set(Rc::new(s.copy()?)),
        Value::ByteArray(b) => crate::objects::bytes::new_bytearray(b.data.borrow().clone()),
        Value::Object(o) => {
            if let Some(method) = ops::lookup_method(x, "__copy__") {
                return vm.call(&method, std::slice::from_ref(x));
            }
            if o.native.is_some() {
                return Err(PyErr::type_error(format!("cannot pickle '{}' object", type_name_of(x))));
            }
            let y = blank_like(vm, o)?;
            if let (Some((src, slots)), Value::Object(target)) = (object_state(x), &y) {
                if target.has_dict() {
                    for (k, v) in src {
                        target.set_attr_item(k, v)?;
                    }
                }
                *target.slots.borrow_mut() = slots;
            }
            y
        }
        _ => return Err(PyErr::type_error(format!("cannot pickle '{}' object", type_name_of(x)))),
    })
}

fn identity(v: &Value) -> Value {
    Value::Int(v.heap_ptr().unwrap_or(0) as i64)
}

fn deepcopy(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let Some(x) = pos.first() else {
        return Err(PyErr::type_error("deepcopy() missing 1 required positional argument: 'x'"));
    };
    let memo = match pos.get(1).or_else(|| args.kwarg("memo")) {
        Some(Value::Dict(d)) => d.clone(),
        _ => Rc::new(PyDict::new()),
    };
    deep(vm, x, &memo)
}

/// Keep `x` alive as long as the memo (its id is a memo key).
fn keep_alive(memo: &Rc<PyDict>, x: &Value) -> PyResult<()> {
    let key = Value::Int(Rc::as_ptr(memo) as usize as i64);
    match memo.get(&key)? {
        Some(Value::List(l)) => l.items.borrow_mut().push(x.clone()),
        _ => memo.set(key, Value::list(vec![x.clone()]))?,
    }
    Ok(())
}

fn deep(vm: &mut Vm, x: &Value, memo: &Rc<PyDict>) -> PyResult<Value> {
    if is_atomic(x) {
        return Ok(x.clone());
    }
    let _nest = ops::Nest::enter(" while calling a Python object")?;
    let id = identity(x);
    if let Some(y) = memo.get(&id)? {
        return Ok(y);
    }
    let y = match x {
        Value::List(l) => {
            let y = Rc::new(crate::value::PyList { items: std::cell::RefCell::new(Vec::new()) });
            memo.set(id.clone(), Value::List(y.clone()))?;
            let items = l.items.borrow().clone();
            for item in &items {
                let c = deep(vm, item, memo)?;
                y.items.borrow_mut().push(c);
            }
            Value::List(y)
        }
        Value::Tuple(t) => {
            let mut items = Vec::with_capacity(t.items.len());
            for item in t.items.iter() {
                items.push(deep(vm, item, memo)?);
            }
            // A recursive structure may have copied this tuple meanwhile.
            if let Some(y) = memo.get(&id)? {
                return Ok(y);
            }
            if items.iter().zip(t.items.iter()).all(|(a, b)| a.is(b)) {
                x.clone()
            } else {
                Value::tuple(items)
            }
        }
        Value::Dict(d) => {
            let y = Rc::new(PyDict::new());
            memo.set(id.clone(), Value::Dict(y.clone()))?;
            for (k, v) in d.items() {
                let k = deep(vm, &k, memo)?;
                let v = deep(vm, &v, memo)?;
                y.set(k, v)?;
            }
            Value::Dict(y)
        }
        Value::Set(s) | Value::FrozenSet(s) => {
            let mut items = Vec::new();
            for item in s.items() {
                items.push(deep(vm, &item, memo)?);
            }
            let set = crate::objects::set::PySet::from_values(items)?;
            if matches!(x, Value::Set(_)) {
                Value::Set(Rc::new(set))
            } else {
                Value::FrozenSet(Rc::new(set))
            }
        }
        Value::ByteArray(b) => crate::objects::bytes::new_bytearray(b.data.borrow().clone()),
        Value::Object(o) => {
            if let Some(method) = ops::lookup_method(x, "__deepcopy__") {
                let y = vm.call(&method, &[x.clone(), Value::Dict(memo.clone())])?;
                memo.set(id, y.clone())?;
                keep_alive(memo, x)?;
                return Ok(y);
            }
            if o.native.is_some() {
                return Err(PyErr::type_error(format!("cannot pickle '{}' object", type_name_of(x))));
            }
            let y = blank_like(vm, o)?;
            memo.set(id.clone(), y.clone())?;
            if let (Some((src, slots)), Value::Object(target)) = (object_state(x), &y) {
                let mut copied_slots = Vec::with_capacity(slots.len());
                for s in &slots {
                    copied_slots.push(if s.is(&Value::Null) { Value::Null } else { deep(vm, s, memo)? });
                }
                *target.slots.borrow_mut() = copied_slots;
                if target.has_dict() {
                    for (k, v) in src {
                        let v = deep(vm, &v, memo)?;
                        target.set_attr_item(k, v)?;
                    }
                }
            }
            y
        }
        _ => {
            let _ = type_of(x);
            return Err(PyErr::type_error(format!("cannot pickle '{}' object", type_name_of(x))));
        }
    };
    memo.set(id, y.clone())?;
    keep_alive(memo, x)?;
    Ok(y)
}
