//! The attribute caches of LOAD_ATTR, STORE_ATTR and LOAD_METHOD: one `AttrCacheSlot` per
//! instruction (its inline-cache word holds the slot index), filled by the slow paths here and
//! read by the hit paths the handlers inline. Instance entries are valid under the class's
//! version tag (`PyType::version`), module entries under the module dict's keys version. See
//! ARCHITECTURE "Attributes: type version tags and the attribute caches".

use std::rc::Rc;

use super::stats::{self, CacheKind};
use super::Vm;
use crate::bytecode::code::{class_owner, AttrCacheSlot, AttrEntry, Code};
use crate::error::PyResult;
use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::objects::types::{class_flags, TypeId};
use crate::ops;
use crate::objects::instance_attrs::{shared_key_index, InstanceAttrs};
use crate::value::{PyMethod, PyObject, Value};

/// The cache slot index held in the inline-cache word at the frame's pc (the operand of a
/// `NOP` word, see the assembler's `layout`); moves the pc past it.
#[inline(always)]
pub(super) fn take_cache_site(vm: &mut Vm) -> usize {
    let pc = vm.frame.pc;
    vm.frame.pc = pc + 1;
    vm.frame.code.words.get(pc).map_or(usize::MAX, |w| crate::bytecode::opcodes::decode(w).1 as usize)
}

/// The attribute name `names[arg]` of `code`.
#[inline(always)]
fn name_of(code: &Code, arg: u32) -> Option<&Rc<PyStr>> {
    match code.names.get(arg as usize) {
        Some(Value::Str(s)) => Some(s),
        _ => None,
    }
}

/// Builtin type of a value whose type is exactly a builtin type (`list`, `str`, `dict`, ...),
/// never changed by user code; `None` for instances, exceptions, classes and modules.
#[inline(always)]
fn exact_builtin_type(v: &Value) -> Option<TypeId> {
    match v {
        Value::Object(_) | Value::Exception(_) | Value::Type(_) | Value::Module(_) | Value::Null => None,
        _ => Some(v.type_id()),
    }
}

/// How a cache hit hands over what it found: `plain` for a value that is the attribute
/// itself, `bound` for a function found on the class, still to be bound to the instance
/// (LOAD_ATTR) or pushed with it (LOAD_METHOD); `bound` returning `None` makes the hit a miss.
/// Each instruction instantiates `cached_attr` with its own result type, so a hit's value goes
/// straight where the instruction puts it.
pub(super) trait Deliver {
    type Out;
    /// Whether the hit path of modules and builtin values is inlined into the instruction:
    /// for LOAD_METHOD (`str` and `list` methods are its most frequent receivers after
    /// instances), not for LOAD_ATTR (mostly instances).
    const VALUES_INLINE: bool;
    fn plain(v: Value) -> Self::Out;
    fn bound(func: Value, obj: &Value) -> Option<Self::Out>;
}

/// LOAD_ATTR: the attribute, with a function on the class bound to the instance.
pub(super) struct AsAttribute;

impl Deliver for AsAttribute {
    type Out = Value;
    const VALUES_INLINE: bool = false;
    #[inline(always)]
    fn plain(v: Value) -> Value {
        v
    }
    #[inline(always)]
    fn bound(func: Value, obj: &Value) -> Option<Value> {
        // A `BuiltinMethod` entry is only filled by LOAD_METHOD, whose pairs never bind.
        match obj {
            Value::Object(_) => Some(Value::Method(Rc::new(PyMethod { func, self_value: obj.clone() }))),
            _ => None,
        }
    }
}

/// LOAD_METHOD: the callable, and whether the object goes with it as `self`.
pub(super) struct AsMethodPair;

impl Deliver for AsMethodPair {
    type Out = (Value, bool);
    const VALUES_INLINE: bool = true;
    #[inline(always)]
    fn plain(v: Value) -> (Value, bool) {
        (v, false)
    }
    #[inline(always)]
    fn bound(func: Value, _obj: &Value) -> Option<(Value, bool)> {
        Some((func, true))
    }
}

/// What the cache of the instruction says `obj.name` is, or `None` when its entry does not
/// apply (a different class or class state, a shadowing instance attribute, an absent
/// attribute, an empty slot).
#[inline(always)]
pub(super) fn cached_attr<D: Deliver>(code: &Code, site: usize, arg: u32, obj: &Value) -> Option<D::Out> {
    let slot = code.attr_cache.get(site)?;
    if let Value::Object(o) = obj {
        // SAFETY (all unguarded borrows below): while the class and the attributes are
        // borrowed here, nothing borrows them mutably: this path runs no Python code, only
        // reads cache entries (`Cell`s), the class's tag and MRO dicts, and clones values (a
        // reference count increment). `try_borrow_unguarded` still fails if a mutable borrow
        // is active, and then the cache does not apply.
        let cls = unsafe { o.class.try_borrow_unguarded() }.ok()?;
        let entry = slot.entry_for_type(cls.version.get())?;
        // SAFETY: as above.
        let attrs = unsafe { o.attrs.try_borrow_unguarded() }.ok()?;
        return match entry.get() {
            AttrEntry::InstanceAttr { index, .. } => {
                if let InstanceAttrs::Inline(values) = attrs {
                    // Not `Option::map`: that stays an out-of-line call in some builds.
                    return match values.get(index as usize) {
                        Some(v) => Some(D::plain(v.clone())),
                        None => None,
                    };
                }
                let InstanceAttrs::Dict(dict) = attrs else { return None };
                let name = name_of(code, arg)?;
                match dict.str_value_at(index as usize, name) {
                    Some(v) => Some(D::plain(v)),
                    None => instance_dict_probe(dict, name).map(D::plain),
                }
            }
            AttrEntry::ClassAttr { owner, position, .. } => {
                // Inline values cannot shadow the name: the entry is only made when no
                // shared key has it, and a new shared key is a new tag.
                if let InstanceAttrs::Dict(dict) = attrs {
                    let name = name_of(code, arg)?;
                    if dict.contains_str_hashed(name.as_str(), name.hash_value()) {
                        return None;
                    }
                }
                match cls.value_on_mro(owner, position)? {
                    f @ Value::Function(_) => D::bound(f, obj),
                    f @ Value::Native(_) if matches!(&f, Value::Native(n) if n.is_method) => D::bound(f, obj),
                    Value::Object(_) => None,
                    v => Some(D::plain(v)),
                }
            }
            AttrEntry::Slot { index, .. } => match o.slots.borrow().get(index as usize)? {
                Value::Null => None,
                v => Some(D::plain(v.clone())),
            },
            _ => None,
        };
    }
    if D::VALUES_INLINE {
        cached_attr_of_value::<D>(slot, obj)
    } else {
        cached_attr_of_value_out_of_line::<D>(slot, obj)
    }
}

/// `cached_attr_of_value` as a call: LOAD_ATTR's instance path then tests one tag instead of
/// jumping through a table on it.
#[inline(never)]
fn cached_attr_of_value_out_of_line<D: Deliver>(slot: &AttrCacheSlot, obj: &Value) -> Option<D::Out> {
    cached_attr_of_value::<D>(slot, obj)
}

/// `cached_attr` for a module or a builtin value.
#[inline(always)]
fn cached_attr_of_value<D: Deliver>(slot: &AttrCacheSlot, obj: &Value) -> Option<D::Out> {
    match obj {
        Value::Module(m) => {
            let keys_version = m.dict.keys_version();
            slot.entries.iter().find_map(|e| match e.get() {
                AttrEntry::ModuleAttr { keys_version: v, position } if v == keys_version => m.dict.value_at(position as usize).map(D::plain),
                _ => None,
            })
        }
        _ => {
            let type_id = exact_builtin_type(obj)?;
            if slot.entries.iter().any(|e| e.get() == AttrEntry::BuiltinMethod { type_id }) {
                return slot.method.borrow().clone().and_then(|f| D::bound(f, obj));
            }
            None
        }
    }
}

/// The instance dict did not hold the name at the shared key index (instances whose
/// attributes were added in another order): a hashed probe of that dict alone. The class
/// part of the entry still holds, so this is a hit. The index is not moved to where the
/// probe found the name: instances with inline values read it without checking the name.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
fn instance_dict_probe(dict: &PyDict, name: &PyStr) -> Option<Value> {
    dict.get_str_hashed(name.as_str(), name.hash_value())
}

/// STORE_ATTR's hit path: `obj.name = value` into the inline values (replacing the value at
/// the name's index, or appending it when it is the next shared name), into the instance
/// dict (at the remembered position, else by a plain insert) or a `__slots__` member. Gives
/// `value` back when the entry does not apply.
#[inline(always)]
pub(super) fn cached_store_attr(code: &Code, site: usize, arg: u32, obj: &Value, value: Value) -> Result<PyResult<()>, Value> {
    let (Some(slot), Value::Object(o)) = (code.attr_cache.get(site), obj) else { return Err(value) };
    // SAFETY: the class is only read here (its tag, a `Cell`), before anything else runs;
    // `try_borrow_unguarded` fails while it is borrowed mutably, and then the cache does not
    // apply.
    let Ok(cls) = (unsafe { o.class.try_borrow_unguarded() }) else { return Err(value) };
    let Some(entry) = slot.entry_for_type(cls.version.get()) else { return Err(value) };
    match entry.get() {
        AttrEntry::InstanceAttr { index, .. } => {
            let index = index as usize;
            let mut attrs = o.attrs.borrow_mut();
            match &mut *attrs {
                InstanceAttrs::Inline(values) if index < values.len() => {
                    let old = std::mem::replace(&mut values[index], value);
                    drop(attrs);
                    old.discard();
                    Ok(Ok(()))
                }
                // The next shared name: under the entry's tag, `instance_keys[index]` is it.
                InstanceAttrs::Inline(values) if index == values.len() => {
                    super::push_fast(values, value);
                    Ok(Ok(()))
                }
                InstanceAttrs::Dict(dict) => {
                    let dict = dict.clone();
                    drop(attrs);
                    let Some(name) = name_of(code, arg) else { return Err(value) };
                    match dict.replace_str_value_at(index, name, value) {
                        Ok(old) => {
                            old.discard();
                            Ok(Ok(()))
                        }
                        Err(value) => Ok(instance_dict_store(&dict, name, value)),
                    }
                }
                _ => Err(value),
            }
        }
        AttrEntry::Slot { index, .. } => {
            let mut slots = o.slots.borrow_mut();
            let Some(member) = slots.get_mut(index as usize) else { return Err(value) };
            let old = std::mem::replace(member, value);
            drop(slots);
            old.discard();
            Ok(Ok(()))
        }
        _ => Err(value),
    }
}

/// The name was not at the shared key index of the instance dict (a new attribute, or
/// another insertion order): a plain store into that dict.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
fn instance_dict_store(dict: &PyDict, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
    dict.set_str_key(name, value).map(|_| ())
}

/// Which instruction an entry is computed for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Load,
    Method,
    Store,
}

/// The entry describing `name` on instance `o` as it is now. Runs no Python code (every dict
/// probed has str keys only on the paths taken). Instances of classes with a custom
/// `__getattribute__` (or `__setattr__` for stores), of subclasses of builtin types, dunder
/// names, and names bound on the class to descriptor objects (properties, user descriptors,
/// static and class methods, and any other instance) are not cached.
fn instance_entry(o: &PyObject, name: &PyStr, access: Access) -> AttrEntry {
    let cls = o.class.borrow();
    let flags = cls.flags.get();
    let hook = if access == Access::Store { class_flags::SETATTR } else { class_flags::GETATTRIBUTE };
    if cls.builtin.is_some() || cls.base_builtin != TypeId::Object || flags & hook != 0 || name.as_str().starts_with("__") {
        return AttrEntry::Empty;
    }
    let version = cls.version.get();
    let hash = name.hash_value();
    let on_class = cls.find_on_mro(name.as_str(), hash);
    if matches!(on_class, Some((_, _, Value::Object(_)))) {
        return AttrEntry::Empty;
    }
    if let Some(index) = cls.slots.iter().position(|s| &**s == name.as_str()) {
        return u32::try_from(index).map_or(AttrEntry::Empty, |index| AttrEntry::Slot { version, index });
    }
    // Where instances with inline values hold the name: its shared key index, the same for
    // every instance of the class.
    let shared_index = {
        let keys = cls.instance_keys.borrow();
        shared_key_index(&keys, keys.len(), name.as_str())
    };
    let (has_dict, in_instance) = match &*o.attrs() {
        InstanceAttrs::Inline(values) => (true, shared_index.is_some_and(|i| i < values.len())),
        InstanceAttrs::Dict(d) => (true, d.contains_str_hashed(name.as_str(), hash)),
        InstanceAttrs::NoDict => (false, false),
    };
    match on_class {
        Some((owner, position, _)) if access != Access::Store && !in_instance => {
            match (u32::try_from(owner), u32::try_from(position)) {
                // Some instance of the class has the name inline: their values would shadow it.
                _ if shared_index.is_some() => AttrEntry::Empty,
                (Ok(owner), Ok(position)) => AttrEntry::ClassAttr { version, owner, position },
                _ => AttrEntry::Empty,
            }
        }
        // Not a shared name yet: `u32::MAX` matches no inline value, and the name becoming a
        // shared key is a new tag.
        _ if has_dict => {
            let index = shared_index.and_then(|i| u32::try_from(i).ok()).unwrap_or(u32::MAX);
            AttrEntry::InstanceAttr { version, index }
        }
        _ => AttrEntry::Empty,
    }
}

/// Add to `slot` the entry for `obj.name` as it is now (before the generic operation runs any
/// Python code that could change it); an uncacheable lookup leaves the slot as it is.
fn fill(slot: Option<&AttrCacheSlot>, obj: &Value, name: &PyStr, access: Access) {
    let Some(slot) = slot else { return };
    let entry = match obj {
        Value::Object(o) => instance_entry(o, name, access),
        Value::Module(m) if access != Access::Store => {
            let keys_version = m.dict.keys_version();
            match m.dict.find_str_position(name.as_str(), name.hash_value()) {
                Some((position, _)) => {
                    u32::try_from(position).map_or(AttrEntry::Empty, |position| AttrEntry::ModuleAttr { keys_version, position })
                }
                None => AttrEntry::Empty,
            }
        }
        _ if access == Access::Method => match (exact_builtin_type(obj), ops::lookup_method_name(obj, name)) {
            (Some(type_id), Some(method)) => {
                *slot.method.borrow_mut() = Some(method);
                AttrEntry::BuiltinMethod { type_id }
            }
            _ => AttrEntry::Empty,
        },
        _ => AttrEntry::Empty,
    };
    if entry != AttrEntry::Empty {
        let owner = match obj {
            Value::Object(o) => class_owner(&o.class.borrow()),
            _ => 0,
        };
        slot.store(entry, owner);
    }
}

/// LOAD_ATTR's cache did not apply: count the miss, refill the slot, then the generic lookup.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub(super) fn load_attr_miss(vm: &mut Vm, obj: &Value, arg: u32, site: usize) -> PyResult<Value> {
    stats::cache_miss(vm, CacheKind::LoadAttr);
    let name = vm.name_at(arg);
    fill(vm.frame.code.attr_cache.get(site), obj, &name, Access::Load);
    getattr_interned(vm, obj, &name)
}

/// `getattr(obj, name)` for an instruction's interned name: instances and exception
/// instances look their own attributes up by its cached hash (`e.code`, a super object's
/// `__init__`); the class's, and every other value's, go through `ops::getattr`.
#[inline(always)]
fn getattr_interned(vm: &mut Vm, obj: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    match obj {
        Value::Object(o) => crate::objects::instance::object_getattr(vm, obj, o, name.as_str(), name.hash_value()),
        Value::Exception(e) => match crate::objects::exception::get_attribute_hashed(e, name.as_str(), Some(name.hash_value())) {
            Some(value) => Ok(value),
            None => ops::getattr(vm, obj, name.as_str()),
        },
        _ => ops::getattr(vm, obj, name.as_str()),
    }
}

/// LOAD_METHOD's cache did not apply: count the miss, refill the slot, then the generic
/// lookup. Returns the callable and whether the object goes with it as `self` (else NULL).
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub(super) fn load_method_miss(vm: &mut Vm, obj: &Value, arg: u32, site: usize) -> PyResult<(Value, bool)> {
    stats::cache_miss(vm, CacheKind::LoadMethod);
    let name = vm.name_at(arg);
    fill(vm.frame.code.attr_cache.get(site), obj, &name, Access::Method);
    match ops::lookup_method_name(obj, &name) {
        Some(func) => Ok((func, true)),
        None => Ok((getattr_interned(vm, obj, &name)?, false)),
    }
}

/// STORE_ATTR's cache did not apply: count the miss, refill the slot, then the generic store.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub(super) fn store_attr_miss(vm: &mut Vm, obj: &Value, arg: u32, site: usize, value: Value) -> PyResult<()> {
    stats::cache_miss(vm, CacheKind::StoreAttr);
    let name = vm.name_at(arg);
    fill(vm.frame.code.attr_cache.get(site), obj, &name, Access::Store);
    match obj {
        Value::Object(o) => crate::objects::instance::object_setattr_interned(vm, obj, o, &name, value),
        Value::Exception(e) => crate::objects::exception::set_attribute_interned(e, &name, value),
        _ => ops::setattr(vm, obj, name.as_str(), value),
    }
}
