//! Builtin functions of the object model: `__build_class__`, `isinstance`/`issubclass` with
//! `__instancecheck__`/`__subclasscheck__`, `delattr`, `vars`, `dir`, `callable` and `hash`
//! for objects whose classes are written in Python.

use std::rc::Rc;

use crate::builtins::args::{no_kwargs, positional_count};
use crate::error::{PyErr, PyResult};
use crate::objects::dunder;
use crate::objects::instance::{call_method_of, lookup};
use crate::objects::types::{type_of, PyType};
use crate::ops;
use crate::value::{CallArgs, Value};
use crate::vm::Vm;

/// `__build_class__(func, name, *bases, **kwds)` (the class statement).
pub fn builtin_build_class(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::class_new::build_class(vm, args)
}

/// `isinstance(obj, cls)` / `issubclass(cls, classinfo)` against one class (or a tuple of
/// classes), consulting the metaclass hooks of user metaclasses.
fn class_check(vm: &mut Vm, subject: &Value, classinfo: &Value, instance: bool, depth: usize) -> PyResult<bool> {
    let function = if instance { "isinstance" } else { "issubclass" };
    match classinfo {
        Value::Type(cls) => {
            if let Some(meta) = &cls.metaclass {
                let hook = if instance { "__instancecheck__" } else { "__subclasscheck__" };
                if let Some(f) = crate::objects::instance::special_method(meta, hook) {
                    let r = call_method_of(vm, &f, classinfo, std::slice::from_ref(subject))?;
                    return ops::truthy(vm, &r);
                }
            }
            if instance {
                Ok(type_of(subject).is_subtype_of(cls) || subject_class_attr(vm, subject, cls))
            } else {
                match subject {
                    Value::Type(t) => Ok(t.is_subtype_of(cls)),
                    _ => Err(PyErr::type_error("issubclass() arg 1 must be a class")),
                }
            }
        }
        Value::Tuple(items) if depth < 1000 => {
            for item in items.items.iter() {
                if class_check(vm, subject, item, instance, depth + 1)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Tuple(_) => Err(PyErr::recursion_error()),
        _ => Err(PyErr::type_error(if function == "isinstance" {
            "isinstance() arg 2 must be a type, a tuple of types, or a union".to_string()
        } else {
            "issubclass() arg 2 must be a class, a tuple of classes, or a union".to_string()
        })),
    }
}

/// `isinstance` also accepts an object whose `__class__` (e.g. a property) claims the class.
fn subject_class_attr(vm: &mut Vm, subject: &Value, cls: &Rc<PyType>) -> bool {
    let Value::Object(o) = subject else { return false };
    if o.class().flags.get() == 0 && lookup(&o.class(), "__class__").is_none() {
        return false;
    }
    matches!(ops::getattr(vm, subject, "__class__"), Ok(Value::Type(t)) if t.is_subtype_of(cls))
}

pub fn builtin_isinstance(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("isinstance", &args)?;
    let pos = positional_count("isinstance", &args, 2, 2)?;
    Ok(Value::bool(class_check(vm, &pos[0], &pos[1], true, 0)?))
}

pub fn builtin_issubclass(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("issubclass", &args)?;
    let pos = positional_count("issubclass", &args, 2, 2)?;
    if !matches!(pos[0], Value::Type(_)) {
        return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
    }
    Ok(Value::bool(class_check(vm, &pos[0], &pos[1], false, 0)?))
}

pub fn builtin_delattr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("delattr", &args)?;
    let pos = positional_count("delattr", &args, 2, 2)?;
    let name = match &pos[1] {
        Value::Str(s) => s.clone(),
        other => {
            return Err(PyErr::type_error(format!(
                "attribute name must be string, not '{}'",
                type_of(other).name
            )))
        }
    };
    ops::delattr(vm, &pos[0], name.as_str())?;
    Ok(Value::None)
}

/// `vars()` / `vars(obj)`: the object's `__dict__`.
pub fn builtin_vars(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("vars", &args)?;
    let pos = positional_count("vars", &args, 0, 1)?;
    let Some(obj) = pos.first() else {
        return Ok(Value::Dict(vm.frame.locals.clone().unwrap_or_else(|| vm.frame.globals.clone())));
    };
    match ops::getattr(vm, obj, "__dict__") {
        Ok(d) => Ok(d),
        Err(e) if e.matches(crate::objects::types::TypeId::AttributeError) => {
            Err(PyErr::type_error("vars() argument must have __dict__ attribute"))
        }
        Err(e) => Err(e),
    }
}

/// `dir(obj)` for objects of user classes and classes (sorted, inherited names included).
pub fn dir_of(vm: &mut Vm, obj: &Value) -> Option<PyResult<Value>> {
    match obj {
        Value::Object(_) => {}
        Value::Type(t) if t.is_user_class() || t.metaclass.is_some() => {}
        _ => return None,
    }
    if let Some(f) = crate::objects::instance::special_method(&type_of(obj), "__dir__") {
        return Some(call_method_of(vm, &f, obj, &[]).and_then(|r| {
            let mut items = ops::collect(vm, &r)?;
            crate::objects::list::sort_values(vm, &mut items, None, false)?;
            Ok(Value::list(items))
        }));
    }
    Some(dunder::dir_names(vm, obj).map(Value::list))
}

/// `hash(obj)` for objects of user classes.
pub fn hash_of(vm: &mut Vm, obj: &Value) -> Option<PyResult<Value>> {
    if !matches!(obj, Value::Object(_)) {
        return None;
    }
    Some(dunder::hash(vm, obj).map(Value::Int))
}

/// `callable(obj)` for objects of user classes.
pub fn is_callable_object(obj: &Value) -> bool {
    dunder::is_callable(obj)
}
