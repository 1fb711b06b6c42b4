//! Instances of classes and the attribute protocol: creating instances (`object.__new__`,
//! calling a class), attribute lookup on instances and classes with descriptors
//! (functions bind, properties, static/class methods, user `__get__`/`__set__`),
//! `__getattr__`/`__getattribute__`/`__setattr__`/`__delattr__` hooks, and the natives of
//! `object` and `type`.

use std::cell::RefCell;
use std::rc::Rc;

use smallvec::SmallVec;

use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::instance_attrs::InstanceAttrs;
use crate::objects::str::hash_str;
use crate::objects::types::{builtin_type, class_flags, type_of, MethodTable, PyType, TypeId};
use crate::ops;
use crate::value::{CallArgs, NativeFn, PyMethod, PyObject, Value};
use crate::vm::Vm;

type ArgVec = SmallVec<[Value; 8]>;

// ---------------------------------------------------------------------------------------------
// Method tables added to builtin types.

/// Methods (binding like functions) that this module adds to builtin type `id`.
pub fn extra_methods_of(id: TypeId) -> MethodTable {
    match id {
        TypeId::Object => &[
            ("__init__", object_init),
            ("__setattr__", object_setattr_native),
            ("__getattribute__", object_getattribute_native),
            ("__delattr__", object_delattr_native),
            ("__repr__", object_repr),
            ("__str__", object_str),
            ("__eq__", object_eq),
            ("__ne__", object_ne),
            ("__hash__", object_hash),
            ("__format__", object_format),
            ("__init_subclass__", object_init_subclass),
            ("__dir__", object_dir),
        ],
        TypeId::Type => &[
            ("__init__", type_init),
            ("__call__", type_call_native),
            ("mro", type_mro),
            ("__subclasses__", type_subclasses),
            ("__instancecheck__", type_instancecheck),
            ("__subclasscheck__", type_subclasscheck),
        ],
        TypeId::List => &[("__init__", crate::objects::dunder::list_init)],
        TypeId::Dict => &[("__init__", crate::objects::dunder::dict_init)],
        TypeId::Set => &[("__init__", crate::objects::dunder::set_init)],
        TypeId::Property
        | TypeId::StaticMethod
        | TypeId::ClassMethod
        | TypeId::Super => crate::objects::descriptors::methods_of(id),
        _ => &[],
    }
}

/// Static methods (`__new__`, which receive the class explicitly) added to builtin type `id`.
pub fn static_methods_of(id: TypeId) -> MethodTable {
    match id {
        TypeId::Object => &[("__new__", object_new)],
        TypeId::Type => &[("__new__", crate::objects::class_new::type_new_native)],
        TypeId::Int
        | TypeId::Float
        | TypeId::Str
        | TypeId::Tuple
        | TypeId::FrozenSet
        | TypeId::List
        | TypeId::Dict
        | TypeId::Set => &[("__new__", builtin_subtype_new)],
        _ => &[],
    }
}

// ---------------------------------------------------------------------------------------------
// Instances.

/// A new, empty instance of `cls` (no `__init__` called).
pub fn new_instance(cls: &Rc<PyType>, base_value: Value) -> Value {
    crate::gc::tracked(Value::Object(Rc::new(PyObject {
        class: RefCell::new(cls.clone()),
        attrs: InstanceAttrs::new_for(cls),
        slots: RefCell::new(vec![Value::Null; cls.slots.len()]),
        base_value,
        native: None,
    })))
}

/// An instance of a type made with `PyType::new_native_subtype`: `base_value` is the builtin
/// value it extends, `native` its extra Rust state.
pub fn new_native_subtype_instance(
    cls: &Rc<PyType>,
    base_value: Value,
    native: Option<Box<dyn crate::value::NativeState>>,
) -> Value {
    crate::gc::tracked(Value::Object(Rc::new(PyObject {
        class: RefCell::new(cls.clone()),
        attrs: InstanceAttrs::new_for(cls),
        slots: RefCell::new(vec![Value::Null; cls.slots.len()]),
        base_value,
        native,
    })))
}

/// `name` looked up along the MRO of `ty`.
pub fn lookup(ty: &Rc<PyType>, name: &str) -> Option<Value> {
    lookup_hashed(ty, name, hash_str(name))
}

/// `lookup` with the name's hash computed by the caller.
pub fn lookup_hashed(ty: &Rc<PyType>, name: &str, hash: i64) -> Option<Value> {
    ty.mro().find_map(|t| t.dict.get_str_hashed(name, hash))
}

/// True for a method of a builtin type (its behaviour is the builtin operation itself).
fn is_builtin_native(v: &Value) -> bool {
    matches!(v, Value::Native(n) if n.owner.is_some())
}

/// A special method `name` defined on `ty`'s MRO in Python (or by a Rust-implemented type):
/// `None` when the MRO only has the builtin behaviour. `Some(Value::None)` for `__hash__ = None`.
pub fn special_method(ty: &Rc<PyType>, name: &'static str) -> Option<Value> {
    lookup_static(ty, name).filter(|v| !is_builtin_native(v))
}

/// `lookup` of a name known at compile time (a special method's). Where the name was found
/// is remembered per type under its version tag (`PyType::special_cache`), so a repeated
/// lookup (every `a + b` on instances, every class call) neither hashes the name nor walks
/// the MRO.
pub fn lookup_static(ty: &Rc<PyType>, name: &'static str) -> Option<Value> {
    let (owner, position) = lookup_static_place(ty, name)?;
    ty.value_on_mro(owner, position)
}

/// Where `lookup_static` finds `name`: (MRO index, dict position), or `None` if absent.
fn lookup_static_place(ty: &Rc<PyType>, name: &'static str) -> Option<(u32, u32)> {
    let version = ty.version.get();
    let mut cache = ty.special_cache.borrow_mut();
    if cache.version != version {
        cache.found.clear();
        cache.inline_init = None;
        cache.version = version;
    }
    // Callers pass literals, usually one address per name: compare addresses first, and
    // strings only when the name is not found that way (the same literal at another address).
    let cached = match cache.found.iter().find(|(n, _)| std::ptr::eq(*n, name)) {
        Some(&(_, place)) => Some(place),
        None => cache.found.iter().find(|(n, _)| *n == name).map(|&(_, place)| place),
    };
    match cached {
        Some(place) => place,
        None => {
            let hash = hash_str(name);
            let place = ty
                .find_on_mro(name, hash)
                .and_then(|(owner, position, _)| Some((u32::try_from(owner).ok()?, u32::try_from(position).ok()?)));
            cache.found.push((name, place));
            place
        }
    }
}

/// Call `func` (found on the class of `obj`) as a method of `obj`.
pub fn call_method_of(vm: &mut Vm, func: &Value, obj: &Value, args: &[Value]) -> PyResult<Value> {
    match func {
        Value::Function(_) | Value::Native(_) => {
            let mut full: ArgVec = SmallVec::with_capacity(args.len() + 1);
            full.push(obj.clone());
            full.extend(args.iter().cloned());
            vm.call(func, &full)
        }
        _ => {
            let cls = type_of(obj);
            let bound = descr_get(vm, func, obj, &cls)?;
            vm.call(&bound, args)
        }
    }
}

/// Look up special method `name` on the class of `obj` and call it; `None` when the class has
/// no such method defined in Python.
pub fn call_special(vm: &mut Vm, obj: &Value, name: &'static str, args: &[Value]) -> Option<PyResult<Value>> {
    let f = special_method(&type_of(obj), name)?;
    if matches!(f, Value::None) {
        return None;
    }
    Some(call_method_of(vm, &f, obj, args))
}

/// The value a native method of a builtin type acts on: the builtin value inside an instance
/// of a subclass of a builtin type, else `obj` itself.
fn native_self(owner: Option<TypeId>, obj: &Value) -> Value {
    if let (Some(id), Value::Object(o)) = (owner, obj) {
        if id != TypeId::Object && id != TypeId::Type && !matches!(o.base_value, Value::Null) {
            return o.base_value.clone();
        }
    }
    obj.clone()
}

/// True if `d` (found on a class) is a data descriptor: a property, or an object whose class
/// defines `__set__` or `__delete__`.
pub fn is_data_descriptor(d: &Value) -> bool {
    let Value::Object(o) = d else { return false };
    let cls = o.class();
    match cls.builtin {
        Some(TypeId::Property) => true,
        Some(_) => false,
        None => {
            cls.mro().any(|t| t.builtin == Some(TypeId::Property))
                || special_method(&cls, "__set__").is_some()
                || special_method(&cls, "__delete__").is_some()
        }
    }
}

/// The descriptor protocol's `__get__`: `d` was found on class `cls`; `obj` is the instance,
/// or `Value::Null` when the attribute is read from the class itself.
pub fn descr_get(vm: &mut Vm, d: &Value, obj: &Value, cls: &Rc<PyType>) -> PyResult<Value> {
    match d {
        Value::Function(_) => {
            if matches!(obj, Value::Null) {
                return Ok(d.clone());
            }
            Ok(Value::Method(Rc::new(PyMethod { func: d.clone(), self_value: obj.clone() })))
        }
        Value::Native(n) if n.is_method => {
            if matches!(obj, Value::Null) {
                return Ok(d.clone());
            }
            Ok(Value::Method(Rc::new(PyMethod { func: d.clone(), self_value: native_self(n.owner, obj) })))
        }
        Value::Object(o) => {
            let dcls = o.class();
            match dcls.builtin {
                Some(TypeId::Property) | Some(TypeId::StaticMethod) | Some(TypeId::ClassMethod) => {
                    crate::objects::descriptors::builtin_descr_get(vm, o, obj, cls)
                }
                Some(_) => Ok(d.clone()),
                None => {
                    if dcls.mro().any(|t| t.builtin == Some(TypeId::Property)) {
                        return crate::objects::descriptors::builtin_descr_get(vm, o, obj, cls);
                    }
                    match special_method(&dcls, "__get__") {
                        Some(get) if !matches!(get, Value::None) => {
                            let instance = if matches!(obj, Value::Null) { Value::None } else { obj.clone() };
                            call_method_of(vm, &get, d, &[instance, Value::Type(cls.clone())])
                        }
                        _ => Ok(d.clone()),
                    }
                }
            }
        }
        _ => Ok(d.clone()),
    }
}

/// `__set__`/`__delete__` of a data descriptor `d` (`value` is `None` for a delete).
fn descr_set(vm: &mut Vm, d: &Value, obj: &Value, name: &str, value: Option<Value>) -> PyResult<()> {
    let Value::Object(o) = d else { return Ok(()) };
    let dcls = o.class();
    if dcls.mro().any(|t| t.builtin == Some(TypeId::Property)) {
        return crate::objects::descriptors::property_set(vm, o, obj, name, value);
    }
    match value {
        Some(v) => match special_method(&dcls, "__set__") {
            Some(f) if !matches!(f, Value::None) => call_method_of(vm, &f, d, &[obj.clone(), v]).map(|_| ()),
            _ => Err(PyErr::attribute_error("__set__")),
        },
        None => match special_method(&dcls, "__delete__") {
            Some(f) if !matches!(f, Value::None) => call_method_of(vm, &f, d, &[obj.clone()]).map(|_| ()),
            _ => Err(PyErr::attribute_error("__delete__")),
        },
    }
}

/// `'C' object has no attribute 'x'`
pub fn no_attribute(cls: &PyType, name: &str) -> PyErr {
    PyErr::attribute_error(format!("'{}' object has no attribute '{}'", cls.name, name))
}

// ---------------------------------------------------------------------------------------------
// Attributes of instances.

/// `obj.name` for `Value::Object`.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub fn object_getattr(vm: &mut Vm, obj: &Value, o: &Rc<PyObject>, name: &str, hash: i64) -> PyResult<Value> {
    let cls = o.class();
    if cls.builtin == Some(TypeId::Super) {
        if let Some(r) = crate::objects::descriptors::super_getattr(vm, o, name, hash) {
            return r;
        }
    }
    let flags = cls.flags.get();
    let result = if flags & class_flags::GETATTRIBUTE != 0 {
        match special_method(&cls, "__getattribute__") {
            Some(f) => call_method_of(vm, &f, obj, &[Value::str(name)]),
            None => generic_getattr(vm, obj, o, &cls, name, hash),
        }
    } else {
        generic_getattr(vm, obj, o, &cls, name, hash)
    };
    match result {
        Err(e) if flags & class_flags::GETATTR != 0 && e.matches(TypeId::AttributeError) => {
            match special_method(&cls, "__getattr__") {
                Some(f) => call_method_of(vm, &f, obj, &[Value::str(name)]),
                None => Err(e),
            }
        }
        other => other,
    }
}

/// `object.__getattribute__`: data descriptors, then the instance dict / slots, then other
/// class attributes.
pub fn generic_getattr(
    vm: &mut Vm,
    obj: &Value,
    o: &Rc<PyObject>,
    cls: &Rc<PyType>,
    name: &str,
    hash: i64,
) -> PyResult<Value> {
    let descr = lookup_hashed(cls, name, hash);
    if let Some(d) = &descr {
        if matches!(d, Value::Object(_)) && is_data_descriptor(d) {
            return descr_get(vm, d, obj, cls);
        }
    }
    if !cls.slots.is_empty() {
        if let Some(i) = cls.slots.iter().position(|s| &**s == name) {
            let v = o.slots.borrow().get(i).cloned().unwrap_or(Value::Null);
            return match v {
                Value::Null => Err(no_attribute(cls, name)),
                v => Ok(v),
            };
        }
    }
    if let Some(v) = o.get_attr(name, hash) {
        return Ok(v);
    }
    if name.starts_with("__") {
        match name {
            "__dict__" => {
                if let Some(dict) = o.dict() {
                    return Ok(Value::Dict(dict));
                }
            }
            "__class__" => return Ok(Value::Type(cls.clone())),
            _ => {}
        }
    }
    if cls.builtin.is_some() {
        if let Some(v) = crate::objects::descriptors::builtin_object_attr(o, name) {
            return Ok(v);
        }
    }
    if let Some(d) = descr {
        return descr_get(vm, &d, obj, cls);
    }
    if !matches!(o.base_value, Value::Null) {
        if let Ok(v) = ops::getattr(vm, &o.base_value, name) {
            return Ok(v);
        }
    }
    if name == "__doc__" {
        return Ok(Value::None);
    }
    Err(no_attribute(cls, name))
}

/// `obj.name = value` for `Value::Object`.
pub fn object_setattr(vm: &mut Vm, obj: &Value, o: &Rc<PyObject>, name: &str, value: Value) -> PyResult<()> {
    let cls = o.class();
    if cls.flags.get() & class_flags::SETATTR != 0 {
        if let Some(f) = special_method(&cls, "__setattr__") {
            return call_method_of(vm, &f, obj, &[Value::str(name), value]).map(|_| ());
        }
    }
    generic_setattr(vm, obj, o, name, Some(value))
}

/// `obj.name = value` for `Value::Object` with the name as an interned string (the VM's
/// STORE_ATTR): the common case of a plain instance attribute stores the key without
/// allocating or rehashing it.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub fn object_setattr_interned(
    vm: &mut Vm,
    obj: &Value,
    o: &Rc<PyObject>,
    name: &Rc<crate::objects::str::PyStr>,
    value: Value,
) -> PyResult<()> {
    {
        let cls = o.class.borrow();
        if cls.flags.get() & class_flags::SETATTR == 0 && cls.slots.is_empty() && o.has_dict() {
            let hash = name.hash_value();
            let descr = cls.mro().find_map(|t| t.dict.get_str_hashed(name.as_str(), hash));
            let plain = match &descr {
                None => true,
                Some(d) => !(matches!(d, Value::Object(_)) && is_data_descriptor(d)),
            };
            if plain && name.as_str() != "__class__" && name.as_str() != "__dict__" {
                drop(cls);
                return o.set_attr(name.as_str(), Some(name), value).unwrap_or_else(|_| unreachable!("checked: the instance has a dict"));
            }
        }
    }
    object_setattr(vm, obj, o, name.as_str(), value)
}

/// `del obj.name` for `Value::Object`.
pub fn object_delattr(vm: &mut Vm, obj: &Value, o: &Rc<PyObject>, name: &str) -> PyResult<()> {
    let cls = o.class();
    if cls.flags.get() & class_flags::DELATTR != 0 {
        if let Some(f) = special_method(&cls, "__delattr__") {
            return call_method_of(vm, &f, obj, &[Value::str(name)]).map(|_| ());
        }
    }
    generic_setattr(vm, obj, o, name, None)
}

/// `object.__setattr__` (`value: Some`) and `object.__delattr__` (`value: None`).
pub fn generic_setattr(vm: &mut Vm, obj: &Value, o: &Rc<PyObject>, name: &str, value: Option<Value>) -> PyResult<()> {
    let cls = o.class();
    if let Some(d) = lookup(&cls, name) {
        if matches!(d, Value::Object(_)) && is_data_descriptor(&d) {
            return descr_set(vm, &d, obj, name, value);
        }
    }
    if !cls.slots.is_empty() {
        if let Some(i) = cls.slots.iter().position(|s| &**s == name) {
            let mut slots = o.slots.borrow_mut();
            let Some(slot) = slots.get_mut(i) else { return Err(no_attribute(&cls, name)) };
            let old = match value {
                Some(v) => std::mem::replace(slot, v),
                None => {
                    if matches!(slot, Value::Null) {
                        drop(slots);
                        return Err(no_attribute(&cls, name));
                    }
                    std::mem::replace(slot, Value::Null)
                }
            };
            drop(slots);
            drop(old);
            return Ok(());
        }
    }
    if name == "__class__" {
        return match value {
            Some(v) => set_class(o, &v),
            None => Err(PyErr::type_error("can't delete __class__ attribute")),
        };
    }
    match (o.has_dict(), value) {
        (true, Some(v)) => {
            if name == "__dict__" {
                let dict = o.dict().expect("the instance has a dict");
                return match v {
                    Value::Dict(new) => {
                        dict.clear();
                        for (k, v) in new.items() {
                            dict.set(k, v)?;
                        }
                        Ok(())
                    }
                    other => Err(PyErr::type_error(format!(
                        "__dict__ must be set to a dictionary, not a '{}'",
                        type_of(&other).name
                    ))),
                };
            }
            o.set_attr(name, None, v).unwrap_or_else(|_| unreachable!("checked: the instance has a dict"))
        }
        (true, None) => match o.delete_attr(name) {
            Ok(Ok(true)) => Ok(()),
            Ok(Err(e)) => Err(e),
            _ => Err(no_attribute(&cls, name)),
        },
        (false, Some(_)) if cls.builtin.is_some() => {
            if lookup(&cls, name).is_some() {
                Err(PyErr::attribute_error(format!("'{}' object attribute '{}' is read-only", cls.name, name)))
            } else {
                Err(no_attribute(&cls, name))
            }
        }
        (false, _) => Err(no_attribute(&cls, name)),
    }
}

/// `obj.__class__ = new_class`.
fn set_class(o: &Rc<PyObject>, v: &Value) -> PyResult<()> {
    let Value::Type(new) = v else {
        return Err(PyErr::type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            type_of(v).name
        )));
    };
    let old = o.class();
    if new.builtin.is_some() || old.builtin.is_some() {
        return Err(PyErr::type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    }
    if new.base_builtin != old.base_builtin || new.slots != old.slots || new.instance_dict != old.instance_dict {
        return Err(PyErr::type_error(format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            new.name, old.name
        )));
    }
    o.detach_from_class_keys();
    *o.class.borrow_mut() = new.clone();
    Ok(())
}

/// For LOAD_METHOD on an instance: the plain function to call with the instance as first
/// argument, when no instance attribute or hook shadows it.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub fn lookup_method(o: &Rc<PyObject>, name: &str, hash: i64) -> Option<Value> {
    let cls = o.class.borrow();
    if cls.flags.get() & class_flags::GETATTRIBUTE != 0 || cls.builtin == Some(TypeId::Super) {
        return None;
    }
    let found = cls.mro().find_map(|t| t.dict.get_str_hashed(name, hash))?;
    match &found {
        Value::Function(_) => {}
        Value::Native(n) if n.is_method && (n.owner.is_none() || matches!(o.base_value, Value::Null)) => {}
        _ => return None,
    }
    if o.has_attr(name, hash) {
        return None;
    }
    Some(found)
}

// ---------------------------------------------------------------------------------------------
// Attributes of classes.

/// `cls.name` for a user class (or any class whose metaclass is a user class).
pub fn type_getattr(vm: &mut Vm, t: &Rc<PyType>, name: &str) -> PyResult<Value> {
    let hash = hash_str(name);
    let meta = type_of(&Value::Type(t.clone()));
    let meta_attr = if meta.is_user_class() { lookup_hashed(&meta, name, hash) } else { None };
    if let Some(d) = &meta_attr {
        if matches!(d, Value::Object(_)) && is_data_descriptor(d) {
            return descr_get(vm, d, &Value::Type(t.clone()), &meta);
        }
    }
    if name.starts_with("__") {
        match name {
            "__name__" => return Ok(Value::str(&t.name)),
            "__qualname__" => return Ok(Value::str(&t.qualname)),
            "__mro__" => return Ok(Value::tuple(t.mro().map(|x| Value::Type(x.clone())).collect())),
            "__bases__" => return Ok(Value::tuple(t.bases.iter().map(|x| Value::Type(x.clone())).collect())),
            "__base__" => return Ok(t.bases.first().map_or(Value::None, |b| Value::Type(b.clone()))),
            "__dict__" => return Ok(Value::Dict(Rc::new(t.dict.copy()))),
            "__class__" => return Ok(Value::Type(meta)),
            "__annotations__" if t.is_user_class() => {
                // Only the class's own annotations; an empty dict is created on first use.
                return Ok(match t.dict.get_str("__annotations__") {
                    Some(v) => v,
                    None => {
                        let d = Value::Dict(Rc::new(PyDict::new()));
                        t.dict.set_str("__annotations__", d.clone());
                        t.attributes_changed();
                        d
                    }
                });
            }
            _ => {}
        }
    }
    if let Some(v) = lookup_hashed(t, name, hash) {
        return descr_get(vm, &v, &Value::Null, t);
    }
    if let Some(d) = meta_attr {
        return descr_get(vm, &d, &Value::Type(t.clone()), &meta);
    }
    if !meta.is_user_class() {
        if let Some(d) = lookup_hashed(&builtin_type(TypeId::Type), name, hash) {
            return descr_get(vm, &d, &Value::Type(t.clone()), &meta);
        }
    }
    match name {
        "__doc__" => return Ok(Value::None),
        "__module__" => return Ok(Value::str(t.module.as_deref().unwrap_or("builtins"))),
        _ => {}
    }
    Err(PyErr::attribute_error(format!("type object '{}' has no attribute '{}'", t.name, name)))
}

/// `cls.name = value` / `del cls.name` for a user class.
pub fn type_setattr(vm: &mut Vm, t: &Rc<PyType>, name: &str, value: Option<Value>) -> PyResult<()> {
    let meta = type_of(&Value::Type(t.clone()));
    if meta.is_user_class() {
        if let Some(d) = lookup(&meta, name) {
            if matches!(d, Value::Object(_)) && is_data_descriptor(&d) {
                return descr_set(vm, &d, &Value::Type(t.clone()), name, value);
            }
        }
    }
    if t.builtin.is_some() {
        return Err(PyErr::type_error(format!(
            "cannot set '{name}' attribute of immutable type '{}'",
            t.name
        )));
    }
    match value {
        Some(v) => t.dict.set_str(name, v),
        None => {
            if t.dict.remove(&Value::str(name))?.is_none() {
                return Err(PyErr::attribute_error(format!("type object '{}' has no attribute '{}'", t.name, name)));
            }
        }
    }
    t.attributes_changed();
    if name.starts_with("__") {
        crate::objects::class_new::refresh_flags(t);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Calling a class.

/// `cls(*args, **kwargs)` for a class that is not a builtin type: the metaclass's
/// `__call__` if it overrides it, else `type.__call__`.
pub fn call_user_type(vm: &mut Vm, cls: &Rc<PyType>, args: CallArgs<'_>) -> PyResult<Value> {
    if let Some((meta, call)) = metaclass_call(cls) {
        let mut full: ArgVec = SmallVec::with_capacity(args.args.len() + 1);
        full.push(Value::Type(cls.clone()));
        full.extend(args.args.iter().cloned());
        return match call {
            Value::Function(_) | Value::Native(_) => vm.call_kw(&call, &full, args.kwnames),
            other => {
                let bound = descr_get(vm, &other, &Value::Type(cls.clone()), meta)?;
                vm.call_kw(&bound, args.args, args.kwnames)
            }
        };
    }
    call_class(vm, cls, args)
}

fn is_native_named(v: &Value, owner: TypeId, name: &str) -> bool {
    matches!(v, Value::Native(n) if n.owner == Some(owner) && n.name == name)
}

/// The metaclass of `cls` and its `__call__`, when the metaclass overrides it.
fn metaclass_call(cls: &Rc<PyType>) -> Option<(&Rc<PyType>, Value)> {
    let meta = cls.metaclass.as_ref()?;
    special_method(meta, "__call__").map(|call| (meta, call))
}

/// True when `new` (what `cls.__new__` looks up to) is `object.__new__`, or absent.
fn is_object_new(new: Option<&Value>) -> bool {
    new.map_or(true, |n| is_native_named(n, TypeId::Object, "__new__"))
}

/// `type.__call__`'s check of what `__init__` returned: anything but None is a TypeError.
pub fn check_init_result(result: &Value) -> PyResult<()> {
    if matches!(result, Value::None) {
        return Ok(());
    }
    Err(PyErr::type_error(format!("__init__() should return None, not '{}'", type_of(result).name)))
}

/// The `__init__` a call of `cls` can run as a frame of the running dispatch loop
/// (`Vm::enter_init`), when that call does exactly what `call_user_type` would: no metaclass
/// `__call__`, `object.__new__` (so the instance is `new_instance(cls)`), not an exception or
/// builtin type or a subclass of an exception, and an `__init__` that is a plain Python
/// function (not a generator). `None` sends the call down the general path.
///
/// For a class whose metaclass is `type` the answer is remembered under the class's version
/// tag (`SpecialCache::inline_init`): it depends only on the dicts of its MRO, so a class
/// call costs one tag comparison and one read of the `__init__` entry.
pub fn init_for_inline_call(cls: &Rc<PyType>) -> Option<Rc<crate::value::PyFunction>> {
    // A builtin type (`call_type` constructs those itself) or an exception class.
    if cls.builtin.is_some() || cls.base_builtin.is_exception() {
        return None;
    }
    let place = if cls.metaclass.is_some() {
        // A metaclass's own `__call__` can change without a new tag for `cls`.
        inline_init_place(cls)?
    } else {
        let remembered = {
            let cache = cls.special_cache.borrow();
            if cache.version == cls.version.get() { cache.inline_init } else { None }
        };
        match remembered {
            Some(place) => place?,
            None => {
                let place = inline_init_place(cls);
                // `inline_init_place` ran no Python code, so the tag it cached under is still
                // the class's.
                cls.special_cache.borrow_mut().inline_init = Some(place);
                place?
            }
        }
    };
    match cls.value_on_mro(place.0, place.1) {
        Some(Value::Function(init)) => Some(init),
        _ => None,
    }
}

/// Where the `__init__` of `init_for_inline_call` is, or `None` when a call of `cls` must take
/// the general path.
fn inline_init_place(cls: &Rc<PyType>) -> Option<(u32, u32)> {
    if metaclass_call(cls).is_some() || !is_object_new(lookup_static(cls, "__new__").as_ref()) {
        return None;
    }
    let place = lookup_static_place(cls, "__init__")?;
    match cls.value_on_mro(place.0, place.1)? {
        Value::Function(init) if init.code.flags & crate::bytecode::code::flags::GENERATOR == 0 => Some(place),
        _ => None,
    }
}

/// `type.__call__(cls, *args, **kwargs)`: `__new__` then `__init__`.
pub fn call_class(vm: &mut Vm, cls: &Rc<PyType>, args: CallArgs<'_>) -> PyResult<Value> {
    // `lookup_static`: remembered under the class's version tag, so a class call (of an
    // exception class, say) hashes no name.
    let new = lookup_static(cls, "__new__");
    let init = lookup_static(cls, "__init__");
    let object_new_used = is_object_new(new.as_ref());
    let object_init_used = init.as_ref().map_or(true, |i| is_native_named(i, TypeId::Object, "__init__"));
    let has_args = !args.args.is_empty();
    let obj = if object_new_used {
        if has_args && object_init_used {
            return Err(PyErr::type_error(format!("{}() takes no arguments", cls.name)));
        }
        if cls.base_builtin.is_exception() {
            crate::builtins::functions::new_exception(cls.clone(), args.positional().to_vec())
        } else {
            if cls.builtin.is_some() && cls.builtin != Some(TypeId::Object) {
                return Err(PyErr::type_error(format!("cannot create '{}' instances", cls.name)));
            }
            new_instance(cls, Value::Null)
        }
    } else {
        let Some(new) = new else { return Err(PyErr::type_error(format!("cannot create '{}' instances", cls.name))) };
        let new = unwrap_static(&new);
        let mut full: ArgVec = SmallVec::with_capacity(args.args.len() + 1);
        full.push(Value::Type(cls.clone()));
        full.extend(args.args.iter().cloned());
        vm.call_kw(&new, &full, args.kwnames)?
    };
    // `__init__` runs only when `__new__` returned an instance of `cls`.
    let obj_type = type_of(&obj);
    if !obj_type.is_subtype_of(cls) {
        return Ok(obj);
    }
    let init = if Rc::ptr_eq(&obj_type, cls) { init } else { lookup_static(&obj_type, "__init__") };
    match init {
        None => {}
        Some(i) if is_native_named(&i, TypeId::Object, "__init__") => {}
        Some(i) => {
            let mut full: ArgVec = SmallVec::with_capacity(args.args.len() + 1);
            full.push(obj.clone());
            full.extend(args.args.iter().cloned());
            let result = match &i {
                Value::Function(_) | Value::Native(_) => {
                    if let Value::Native(n) = &i {
                        full[0] = native_self(n.owner, &obj);
                    }
                    vm.call_kw(&i, &full, args.kwnames)?
                }
                other => {
                    let bound = descr_get(vm, other, &obj, &obj_type)?;
                    vm.call_kw(&bound, args.args, args.kwnames)?
                }
            };
            check_init_result(&result)?;
        }
    }
    Ok(obj)
}

/// The function inside a staticmethod object (`__new__` is stored as one).
fn unwrap_static(v: &Value) -> Value {
    if let Value::Object(o) = v {
        if let Some(f) = crate::objects::descriptors::static_function(o) {
            return f;
        }
    }
    v.clone()
}

// ---------------------------------------------------------------------------------------------
// Natives of `object`.

fn self_arg<'a>(args: &CallArgs<'a>, name: &str) -> PyResult<&'a Value> {
    args.args.first().ok_or_else(|| PyErr::type_error(format!("descriptor '{name}' of 'object' object needs an argument")))
}

/// `object.__new__(cls, ...)`.
fn object_new(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let Some(first) = args.args.first() else {
        return Err(PyErr::type_error("object.__new__(): not enough arguments"));
    };
    let Value::Type(cls) = first else {
        return Err(PyErr::type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            type_of(first).name
        )));
    };
    if args.args.len() > 1 {
        let new_overridden = lookup_static(cls, "__new__").is_some_and(|n| !is_native_named(&n, TypeId::Object, "__new__"));
        let init_overridden = lookup_static(cls, "__init__").is_some_and(|n| !is_native_named(&n, TypeId::Object, "__init__"));
        if new_overridden {
            return Err(PyErr::type_error("object.__new__() takes exactly one argument (the type to instantiate)"));
        }
        if !init_overridden {
            return Err(PyErr::type_error(format!("{}() takes no arguments", cls.name)));
        }
    }
    if cls.base_builtin.is_exception() {
        return Ok(crate::builtins::functions::new_exception(cls.clone(), args.args[1..].to_vec()));
    }
    if cls.base_builtin != TypeId::Object {
        return Err(PyErr::type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            cls.name,
            cls.base_builtin.name()
        )));
    }
    Ok(new_instance(cls, Value::Null))
}

/// `object.__init__(self, ...)`.
fn object_init(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let this = self_arg(&args, "__init__")?;
    if args.args.len() > 1 {
        let cls = type_of(this);
        let new_overridden = lookup_static(&cls, "__new__").is_some_and(|n| !is_native_named(&n, TypeId::Object, "__new__"));
        let init_overridden = lookup_static(&cls, "__init__").is_some_and(|n| !is_native_named(&n, TypeId::Object, "__init__"));
        if init_overridden {
            return Err(PyErr::type_error("object.__init__() takes exactly one argument (the instance to initialize)"));
        }
        if !new_overridden {
            return Err(PyErr::type_error(format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                cls.name
            )));
        }
    }
    Ok(Value::None)
}

fn name_arg<'a>(args: &CallArgs<'a>, pos: usize) -> PyResult<&'a str> {
    match args.args.get(pos) {
        Some(Value::Str(s)) => Ok(s.as_str()),
        Some(other) => Err(PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            type_of(other).name
        ))),
        None => Err(PyErr::type_error("expected an attribute name")),
    }
}

fn object_setattr_native(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::args::check_no_kwargs("object.__setattr__", &args)?;
    if args.args.len() != 3 {
        return Err(PyErr::type_error(format!("expected 2 arguments, got {}", args.args.len().saturating_sub(1))));
    }
    let name = name_arg(&args, 1)?;
    match &args.args[0] {
        obj @ Value::Object(o) => generic_setattr(vm, obj, o, name, Some(args.args[2].clone()))?,
        Value::Type(t) if t.is_user_class() => {
            t.dict.set_str(name, args.args[2].clone());
            t.attributes_changed();
            if name.starts_with("__") {
                crate::objects::class_new::refresh_flags(t);
            }
        }
        other => ops::setattr(vm, other, name, args.args[2].clone())?,
    }
    Ok(Value::None)
}

fn object_delattr_native(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::args::check_no_kwargs("object.__delattr__", &args)?;
    if args.args.len() != 2 {
        return Err(PyErr::type_error(format!("expected 1 argument, got {}", args.args.len().saturating_sub(1))));
    }
    let name = name_arg(&args, 1)?;
    match &args.args[0] {
        obj @ Value::Object(o) => generic_setattr(vm, obj, o, name, None)?,
        other => ops::delattr(vm, other, name)?,
    }
    Ok(Value::None)
}

fn object_getattribute_native(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::args::check_no_kwargs("object.__getattribute__", &args)?;
    if args.args.len() != 2 {
        return Err(PyErr::type_error(format!("expected 1 argument, got {}", args.args.len().saturating_sub(1))));
    }
    let name = name_arg(&args, 1)?;
    match &args.args[0] {
        obj @ Value::Object(o) => {
            let cls = o.class();
            generic_getattr(vm, obj, o, &cls, name, hash_str(name))
        }
        other => ops::getattr(vm, other, name),
    }
}

/// The default repr: `<__main__.Foo object at 0x...>`.
pub fn default_repr(v: &Value) -> String {
    let cls = type_of(v);
    let module = match cls.dict.get_str("__module__") {
        Some(Value::Str(s)) => Some(s.as_str().to_owned()),
        _ => cls.module.as_deref().map(str::to_owned),
    };
    match module {
        Some(m) if m != "builtins" => format!("<{}.{} object at {}>", m, cls.qualname, crate::objects::repr::address(v)),
        _ => format!("<{} object at {}>", cls.qualname, crate::objects::repr::address(v)),
    }
}

fn object_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let this = self_arg(&args, "__repr__")?;
    match this {
        Value::Object(_) => Ok(Value::string(default_repr(this))),
        other => Ok(Value::string(ops::repr(vm, other)?)),
    }
}

fn object_str(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let this = self_arg(&args, "__str__")?;
    Ok(Value::string(ops::repr(vm, this)?))
}

fn object_eq(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let [other] = crate::objects::args::positional::<1>("object.__eq__", &args, 1)?;
    let (this, other) = (&args.args[0], other.unwrap_or(&Value::None));
    match this {
        Value::Object(o) if matches!(o.base_value, Value::Null) => {
            Ok(if this.is(other) { Value::bool(true) } else { Value::NotImplemented })
        }
        _ => {
            if this.is(other) {
                return Ok(Value::bool(true));
            }
            let a = crate::objects::dunder::unwrap_base(this);
            let b = crate::objects::dunder::unwrap_base(other);
            if matches!(a, Value::Object(_)) || matches!(b, Value::Object(_)) {
                return Ok(Value::NotImplemented);
            }
            Ok(Value::bool(ops::eq(vm, &a, &b)?))
        }
    }
}

fn object_ne(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let [other] = crate::objects::args::positional::<1>("object.__ne__", &args, 1)?;
    let (this, other) = (&args.args[0], other.unwrap_or(&Value::None));
    let eq = match call_special(vm, this, "__eq__", &[other.clone()]) {
        Some(r) => r?,
        None => object_eq(vm, CallArgs::new(&[this.clone(), other.clone()]))?,
    };
    match eq {
        Value::NotImplemented => Ok(Value::NotImplemented),
        v => Ok(Value::bool(!ops::truthy(vm, &v)?)),
    }
}

fn object_hash(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let this = self_arg(&args, "__hash__")?;
    match this {
        Value::Object(o) if matches!(o.base_value, Value::Null) => {
            Ok(Value::Int(crate::objects::dunder::identity_hash(this)))
        }
        Value::Object(o) => Ok(Value::Int(ops::hash(&o.base_value)?)),
        other => Ok(Value::Int(ops::hash(other)?)),
    }
}

fn object_format(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let [spec] = crate::objects::args::positional::<1>("object.__format__", &args, 1)?;
    let this = &args.args[0];
    let spec = match spec {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "__format__() argument must be str, not {}",
                type_of(other).name
            )))
        }
        None => String::new(),
    };
    match this {
        Value::Object(o) if matches!(o.base_value, Value::Null) => {
            if !spec.is_empty() {
                return Err(PyErr::type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    type_of(this).name
                )));
            }
            Ok(Value::string(ops::to_str(vm, this)?))
        }
        Value::Object(o) => Ok(Value::string(crate::objects::format::format_value(vm, &o.base_value.clone(), &spec)?)),
        other => Ok(Value::string(crate::objects::format::format_value(vm, other, &spec)?)),
    }
}

fn object_init_subclass(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    if let Some((name, _)) = args.keywords().next() {
        let cls = match args.args.first() {
            Some(Value::Type(t)) => t.name.to_string(),
            _ => "object".to_owned(),
        };
        let _ = name;
        return Err(PyErr::type_error(format!("{cls}.__init_subclass__() takes no keyword arguments")));
    }
    if args.positional().len() > 1 {
        return Err(PyErr::type_error(format!(
            "object.__init_subclass__() takes no arguments ({} given)",
            args.positional().len() - 1
        )));
    }
    Ok(Value::None)
}

fn object_dir(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let this = self_arg(&args, "__dir__")?;
    Ok(Value::list(crate::objects::dunder::dir_names(vm, this)?))
}

// ---------------------------------------------------------------------------------------------
// Natives of `type`.

fn type_self<'a>(args: &CallArgs<'a>, name: &str) -> PyResult<&'a Rc<PyType>> {
    match args.args.first() {
        Some(Value::Type(t)) => Ok(t),
        Some(other) => Err(PyErr::type_error(format!(
            "descriptor '{name}' for 'type' objects doesn't apply to a '{}' object",
            type_of(other).name
        ))),
        None => Err(PyErr::type_error(format!("descriptor '{name}' of 'type' object needs an argument"))),
    }
}

fn type_init(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    type_self(&args, "__init__")?;
    Ok(Value::None)
}

fn type_call_native(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let cls = type_self(&args, "__call__")?.clone();
    let rest = CallArgs { args: &args.args[1..], kwnames: args.kwnames };
    if cls.builtin.is_some() {
        return crate::builtins::call_type(vm, &cls, rest);
    }
    call_class(vm, &cls, rest)
}

fn type_mro(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let cls = type_self(&args, "mro")?;
    Ok(Value::list(cls.mro().map(|t| Value::Type(t.clone())).collect()))
}

fn type_subclasses(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let cls = type_self(&args, "__subclasses__")?;
    let subs: Vec<Value> = cls.subclasses.borrow().iter().filter_map(|w| w.upgrade()).map(Value::Type).collect();
    Ok(Value::list(subs))
}

fn type_instancecheck(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let cls = type_self(&args, "__instancecheck__")?;
    let [obj] = crate::objects::args::positional::<1>("type.__instancecheck__", &args, 1)?;
    Ok(Value::bool(obj.is_some_and(|o| type_of(o).is_subtype_of(cls))))
}

fn type_subclasscheck(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let cls = type_self(&args, "__subclasscheck__")?;
    let [sub] = crate::objects::args::positional::<1>("type.__subclasscheck__", &args, 1)?;
    match sub {
        Some(Value::Type(s)) => Ok(Value::bool(s.is_subtype_of(cls))),
        _ => Err(PyErr::type_error("issubclass() arg 1 must be a class")),
    }
}

/// `int.__new__(cls, ...)`, `tuple.__new__(cls, ...)`, ...: the builtin value built from the
/// arguments, wrapped in an instance of `cls` when `cls` is a subclass.
fn builtin_subtype_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let Some(Value::Type(cls)) = args.args.first() else {
        return Err(PyErr::type_error("__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    let base = builtin_type(cls.base_builtin);
    let rest = CallArgs { args: &args.args[1..], kwnames: args.kwnames };
    let mutable = matches!(cls.base_builtin, TypeId::List | TypeId::Dict | TypeId::Set);
    let value = if mutable && cls.is_user_class() {
        crate::builtins::call_type(vm, &base, CallArgs::new(&[]))?
    } else {
        crate::builtins::call_type(vm, &base, rest)?
    };
    if cls.builtin.is_some() {
        return Ok(value);
    }
    Ok(new_native_subtype_instance(&cls, value, None))
}

/// A native function value (for registering hooks that are not methods).
pub fn native_value(name: &'static str, func: NativeFn) -> Value {
    Value::Native(Rc::new(crate::value::NativeFunction { name, func, owner: None, is_method: false }))
}
