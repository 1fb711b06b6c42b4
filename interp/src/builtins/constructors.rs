//! Calling a builtin type: `int(x, base)`, `float(x)`, `str(x)`, `list(it)`, `dict(...)`,
//! `range(...)`, `type(x)`, exception types, ... (`builtins::call_type` dispatches here).

use std::rc::Rc;

use crate::builtins::args::{self, no_kwargs, positional_count, Signature};
use crate::builtins::functions::{self, collect};
use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::types::{type_of, PyType, TypeId};
use crate::objects::{float, int};
use crate::ops;
use crate::value::{CallArgs, PyRange, PySlice, Value};
use crate::vm::Vm;

/// `ty(*args)` for a builtin type, or for a user class deriving from an exception type.
pub fn call_type(vm: &mut Vm, ty: &Rc<PyType>, args: CallArgs<'_>) -> PyResult<Value> {
    let Some(id) = ty.builtin_id() else {
        // A class defined in Python (or a type implemented in Rust by a module).
        return crate::objects::instance::call_user_type(vm, ty, args);
    };
    match id {
        TypeId::Int => int_new(vm, &args),
        TypeId::Float => float_new(vm, &args),
        TypeId::Bool => {
            no_kwargs("bool", &args)?;
            let pos = positional_count("bool", &args, 0, 1)?;
            match pos.first() {
                Some(v) => Ok(Value::bool(ops::truthy(vm, v)?)),
                None => Ok(Value::bool(false)),
            }
        }
        TypeId::Str => str_new(vm, &args),
        TypeId::Bytes => crate::objects::bytes::bytes_new(vm, args),
        TypeId::ByteArray => crate::objects::bytes::bytearray_new(vm, args),
        TypeId::List => {
            no_kwargs("list", &args)?;
            let pos = positional_count("list", &args, 0, 1)?;
            match pos.first() {
                Some(v) => Ok(Value::list(collect(vm, v)?)),
                None => Ok(Value::list(Vec::new())),
            }
        }
        TypeId::Tuple => {
            no_kwargs("tuple", &args)?;
            let pos = positional_count("tuple", &args, 0, 1)?;
            match pos.first() {
                Some(t @ Value::Tuple(_)) => Ok(t.clone()),
                Some(v) => Ok(Value::tuple(collect(vm, v)?)),
                None => Ok(Value::tuple(Vec::new())),
            }
        }
        TypeId::Dict => dict_new(vm, &args),
        TypeId::Set | TypeId::FrozenSet => {
            let name = if id == TypeId::Set { "set" } else { "frozenset" };
            no_kwargs(name, &args)?;
            let pos = positional_count(name, &args, 0, 1)?;
            if id == TypeId::FrozenSet {
                if let Some(f @ Value::FrozenSet(_)) = pos.first() {
                    return Ok(f.clone());
                }
            }
            let set = match pos.first() {
                Some(v) => crate::objects::set::set_from_iterable(vm, v)?,
                None => crate::objects::set::PySet::new(),
            };
            let set = Rc::new(set);
            Ok(if id == TypeId::Set { crate::gc::tracked(Value::Set(set)) } else { Value::FrozenSet(set) })
        }
        TypeId::Range => range_new(&args),
        TypeId::Slice => {
            no_kwargs("slice", &args)?;
            let pos = positional_count("slice", &args, 1, 3)?;
            let (start, stop, step) = match pos {
                [stop] => (Value::None, stop.clone(), Value::None),
                [start, stop] => (start.clone(), stop.clone(), Value::None),
                [start, stop, step, ..] => (start.clone(), stop.clone(), step.clone()),
                [] => (Value::None, Value::None, Value::None),
            };
            Ok(Value::Slice(Rc::new(PySlice { start, stop, step })))
        }
        TypeId::Type => {
            let pos = args.positional();
            if pos.len() == 1 && args.kwnames.is_empty() {
                return Ok(Value::Type(type_of(&pos[0])));
            }
            if pos.len() == 3 {
                return crate::objects::class_new::type_call3(vm, args);
            }
            Err(PyErr::type_error("type() takes 1 or 3 arguments"))
        }
        TypeId::Object => {
            if !args.args.is_empty() {
                return Err(PyErr::type_error("object() takes no arguments"));
            }
            Ok(crate::objects::instance::new_instance(ty, Value::Null))
        }
        TypeId::Property => crate::objects::descriptors::property_new(vm, ty, args),
        TypeId::StaticMethod | TypeId::ClassMethod => crate::objects::descriptors::wrapper_new(id, args),
        TypeId::Super => crate::objects::descriptors::super_new(vm, args),
        TypeId::Enumerate => functions::builtin_enumerate(vm, args),
        TypeId::Zip => functions::builtin_zip(vm, args),
        TypeId::Map => functions::builtin_map(vm, args),
        TypeId::Filter => functions::builtin_filter(vm, args),
        TypeId::Reversed => functions::builtin_reversed(vm, args),
        other if other.is_exception() => crate::objects::exception::construct(vm, ty, &args),
        other => Err(PyErr::type_error(format!("cannot create '{}' instances", other.name()))),
    }
}

const INT_SIGNATURE: Signature<'static> =
    Signature { name: "int", params: &["x", "base"], positional: 2, required: 0, positional_only: 1 };

fn int_new(vm: &mut Vm, args: &CallArgs<'_>) -> PyResult<Value> {
    let [x, base]: [Option<&Value>; 2] = args::parse(args, &INT_SIGNATURE)?;
    let Some(x) = x else {
        if base.is_some() {
            return Err(PyErr::type_error("int() missing string argument"));
        }
        return Ok(Value::Int(0));
    };
    if let Some(base) = base {
        let b = int::index_i64(base).unwrap_or(-1);
        let Value::Str(s) = x else {
            int::index_value(base)?;
            return Err(PyErr::type_error("int() can't convert non-string with explicit base"));
        };
        if b != 0 && !(2..=36).contains(&b) {
            int::index_value(base)?;
            return Err(PyErr::value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        return int::parse_int(s.as_str(), b as u32);
    }
    match x {
        Value::Int(_) | Value::BigInt(_) => Ok(x.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => int::float_to_int(f.get()),
        Value::Str(s) => int::parse_int(s.as_str(), 10),
        other if crate::objects::dunder::is_dynamic(other) => {
            for hook in ["__int__", "__index__", "__trunc__"] {
                let r = match hook {
                    "__index__" => crate::objects::dunder::index(vm, other),
                    _ => crate::objects::dunder::convert(vm, hook, other),
                };
                if let Some(r) = r {
                    let r = r?;
                    return match crate::objects::dunder::unwrap_base(&r) {
                        i @ (Value::Int(_) | Value::BigInt(_)) => Ok(i),
                        Value::Bool(b) => Ok(Value::Int(b as i64)),
                        _ => Err(PyErr::type_error(format!(
                            "{hook} returned non-int (type {})",
                            type_of(&r).name
                        ))),
                    };
                }
            }
            match crate::objects::dunder::unwrap_base(other) {
                base if !base.is(other) => int_new(vm, &CallArgs::new(&[base])),
                _ => Err(PyErr::type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    type_of(other).name
                ))),
            }
        }
        other => Err(PyErr::type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            type_of(other).name
        ))),
    }
}

fn float_new(vm: &mut Vm, args: &CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("float", args)?;
    let pos = positional_count("float", args, 0, 1)?;
    let Some(x) = pos.first() else { return Ok(Value::float(0.0)) };
    match x {
        Value::Float(_) => Ok(x.clone()),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(Value::float(int::int_to_f64(x).unwrap_or(Ok(0.0))?)),
        Value::Str(s) => Ok(Value::float(float::parse_float(s.as_str())?)),
        other if crate::objects::dunder::is_dynamic(other) => {
            if let Some(r) = crate::objects::dunder::convert(vm, "__float__", other) {
                let r = r?;
                return match crate::objects::dunder::unwrap_base(&r) {
                    f @ Value::Float(_) => Ok(f),
                    _ => Err(PyErr::type_error(format!(
                        "{}.__float__ returned non-float (type {})",
                        type_of(other).name,
                        type_of(&r).name
                    ))),
                };
            }
            if let Some(r) = crate::objects::dunder::index(vm, other) {
                return float_new(vm, &CallArgs::new(&[r?]));
            }
            match crate::objects::dunder::unwrap_base(other) {
                base if !base.is(other) => float_new(vm, &CallArgs::new(&[base])),
                _ => Err(PyErr::type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    type_of(other).name
                ))),
            }
        }
        other => Err(PyErr::type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            type_of(other).name
        ))),
    }
}

const STR_SIGNATURE: Signature<'static> =
    Signature { name: "str", params: &["object", "encoding", "errors"], positional: 3, required: 0, positional_only: 0 };

fn str_new(vm: &mut Vm, args: &CallArgs<'_>) -> PyResult<Value> {
    let [object, encoding, errors]: [Option<&Value>; 3] = args::parse(args, &STR_SIGNATURE)?;
    let Some(object) = object else { return Ok(Value::str("")) };
    if encoding.is_some() || errors.is_some() {
        if matches!(object, Value::Str(_)) {
            return Err(PyErr::type_error("decoding str is not supported"));
        }
        return Err(PyErr::type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            type_of(object).name
        )));
    }
    match object {
        Value::Str(_) => Ok(object.clone()),
        other => Ok(Value::string(ops::to_str(vm, other)?)),
    }
}

fn dict_new(vm: &mut Vm, args: &CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("dict", args, 0, 1)?;
    let dict = Rc::new(PyDict::new());
    if let Some(source) = pos.first() {
        update_dict_from(vm, &dict, source)?;
    }
    for (name, value) in args.keywords() {
        dict.set(Value::str(name), value.clone())?;
    }
    Ok(crate::gc::tracked(Value::Dict(dict)))
}

/// `dict.update(source)` semantics for a dict or an iterable of pairs.
pub fn update_dict_from(vm: &mut Vm, dict: &PyDict, source: &Value) -> PyResult<()> {
    if let Value::Dict(other) = source {
        for (k, v) in other.items() {
            dict.set(k, v)?;
        }
        return Ok(());
    }
    if crate::objects::dict::merge_mapping(vm, dict, source)? {
        return Ok(());
    }
    for (index, item) in collect(vm, source)?.into_iter().enumerate() {
        let pair = match &item {
            Value::Tuple(t) => t.items.to_vec(),
            Value::List(l) => l.items.borrow().clone(),
            other => match ops::get_iter(vm, other) {
                Ok(_) => collect(vm, other)?,
                Err(e) if e.matches(TypeId::TypeError) => {
                    return Err(PyErr::type_error(format!(
                        "cannot convert dictionary update sequence element #{index} to a sequence"
                    )))
                }
                Err(e) => return Err(e),
            },
        };
        let [key, value] = <[Value; 2]>::try_from(pair).map_err(|pair| {
            PyErr::value_error(format!(
                "dictionary update sequence element #{index} has length {}; 2 is required",
                pair.len()
            ))
        })?;
        dict.set(key, value)?;
    }
    Ok(())
}

fn range_new(args: &CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("range", args)?;
    let pos = positional_count("range", args, 1, 3)?;
    let bound = |v: &Value| -> PyResult<i64> {
        match int::index_i64(v) {
            Err(e) if e.matches(TypeId::OverflowError) => {
                Err(PyErr::overflow("range() arguments beyond 64 bits are not supported by swallow yet"))
            }
            other => other,
        }
    };
    let (start, stop, step) = match pos {
        [stop] => (0, bound(stop)?, 1),
        [start, stop] => (bound(start)?, bound(stop)?, 1),
        [start, stop, step, ..] => (bound(start)?, bound(stop)?, bound(step)?),
        [] => (0, 0, 1),
    };
    if step == 0 {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Rc::new(PyRange { start, stop, step })))
}

