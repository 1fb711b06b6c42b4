//! Creating classes: the `__build_class__` builtin behind the class statement, `type.__new__`
//! / `type(name, bases, dict)`, metaclass selection, C3 linearization (`__mro__`), `__slots__`,
//! and the hooks run on a new class (`__set_name__`, `__init_subclass__`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use smallvec::SmallVec;

use crate::error::{PyErr, PyResult};
use crate::objects::descriptors;
use crate::objects::dict::PyDict;
use crate::objects::instance::{call_method_of, lookup, special_method};
use crate::objects::str::PyStr;
use crate::objects::types::{builtin_type, class_flags, type_of, PyType, TypeId};
use crate::value::{CallArgs, Value};
use crate::vm::Vm;

type ArgVec = SmallVec<[Value; 8]>;

/// C3 linearization: merge the MROs of the bases and the list of bases. When no consistent
/// order exists, `Err` holds the heads that could not be placed.
pub fn c3_merge(mut seqs: Vec<Vec<Rc<PyType>>>) -> Result<Vec<Rc<PyType>>, Vec<Rc<PyType>>> {
    let mut out: Vec<Rc<PyType>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        // The first head that appears in no other sequence's tail.
        let candidate = seqs.iter().map(|s| s[0].clone()).find(|head| {
            !seqs.iter().any(|s| s[1..].iter().any(|t| Rc::ptr_eq(t, head)))
        });
        let Some(candidate) = candidate else {
            let mut heads: Vec<Rc<PyType>> = Vec::new();
            for s in &seqs {
                if !heads.iter().any(|h| Rc::ptr_eq(h, &s[0])) {
                    heads.push(s[0].clone());
                }
            }
            return Err(heads);
        };
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &candidate) {
                s.remove(0);
            }
        }
        out.push(candidate);
    }
}

/// The MRO tail (without the class itself) for a class with `bases`.
fn compute_mro_tail(bases: &[Rc<PyType>]) -> PyResult<Vec<Rc<PyType>>> {
    if let [single] = bases {
        let mut tail = vec![single.clone()];
        tail.extend(single.mro_tail.iter().cloned());
        return Ok(tail);
    }
    let mut seqs: Vec<Vec<Rc<PyType>>> = bases.iter().map(|b| b.mro().cloned().collect()).collect();
    seqs.push(bases.to_vec());
    match c3_merge(seqs) {
        Ok(order) => Ok(order),
        Err(heads) => {
            let names: Vec<&str> = heads.iter().map(|b| &*b.name).collect();
            Err(PyErr::type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )))
        }
    }
}

fn typeid_is_subtype(mut a: TypeId, b: TypeId) -> bool {
    loop {
        if a == b {
            return true;
        }
        if a == TypeId::Object {
            return false;
        }
        a = a.base();
    }
}

/// Builtin types a class statement may derive from.
fn acceptable_base(t: &PyType) -> bool {
    match t.builtin {
        None => true,
        Some(id) => {
            id.is_exception()
                || matches!(
                    id,
                    TypeId::Object
                        | TypeId::Type
                        | TypeId::Int
                        | TypeId::Float
                        | TypeId::Str
                        | TypeId::List
                        | TypeId::Tuple
                        | TypeId::Dict
                        | TypeId::Set
                        | TypeId::FrozenSet
                )
        }
    }
}

/// The most derived metaclass among `meta` and the metaclasses of `bases`.
fn winner_metaclass(meta: Rc<PyType>, bases: &[Rc<PyType>]) -> PyResult<Rc<PyType>> {
    let mut winner = meta;
    for b in bases {
        let bm = type_of(&Value::Type(b.clone()));
        if winner.is_subtype_of(&bm) {
            continue;
        }
        if bm.is_subtype_of(&winner) {
            winner = bm;
            continue;
        }
        return Err(PyErr::type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// Recompute the cached hook flags of `t` and of its subclasses.
pub fn refresh_flags(t: &Rc<PyType>) {
    let mut flags = 0;
    let has = |name: &'static str| special_method(t, name).is_some();
    if has("__getattribute__") {
        flags |= class_flags::GETATTRIBUTE;
    }
    if lookup(t, "__getattr__").is_some() {
        flags |= class_flags::GETATTR;
    }
    if has("__setattr__") {
        flags |= class_flags::SETATTR;
    }
    if has("__delattr__") {
        flags |= class_flags::DELATTR;
    }
    t.flags.set(flags);
    let subs: Vec<Rc<PyType>> = t.subclasses.borrow().iter().filter_map(|w| w.upgrade()).collect();
    for s in subs {
        refresh_flags(&s);
    }
}

/// The names listed in `__slots__` (a string or an iterable of strings).
fn slot_names(vm: &mut Vm, slots: &Value) -> PyResult<Vec<Rc<str>>> {
    let items = match slots {
        Value::Str(_) => vec![slots.clone()],
        other => crate::ops::collect(vm, other)?,
    };
    let mut out: Vec<Rc<str>> = Vec::new();
    for item in items {
        match item {
            Value::Str(s) => {
                if !crate::objects::str::is_identifier(s.as_str()) {
                    return Err(PyErr::type_error("__slots__ must be identifiers"));
                }
                out.push(Rc::from(s.as_str()));
            }
            other => {
                return Err(PyErr::type_error(format!(
                    "__slots__ items must be strings, not '{}'",
                    type_of(&other).name
                )))
            }
        }
    }
    Ok(out)
}

/// `type.__new__(meta, name, bases, namespace, **kwargs)`: create a class.
pub fn type_new(
    vm: &mut Vm,
    meta: &Rc<PyType>,
    name: &str,
    bases_in: Vec<Rc<PyType>>,
    namespace: &PyDict,
    kwargs: &[(Rc<PyStr>, Value)],
) -> PyResult<Rc<PyType>> {
    let object = builtin_type(TypeId::Object);
    let bases = if bases_in.is_empty() { vec![object] } else { bases_in };
    for (i, b) in bases.iter().enumerate() {
        if !acceptable_base(b) {
            return Err(PyErr::type_error(format!("type '{}' is not an acceptable base type", b.name)));
        }
        if bases[..i].iter().any(|p| Rc::ptr_eq(p, b)) {
            return Err(PyErr::type_error(format!("duplicate base class {}", b.name)));
        }
    }
    // The builtin layout instances get: the most derived builtin type among the bases.
    let mut base_builtin = TypeId::Object;
    for b in &bases {
        let bb = b.base_builtin;
        if typeid_is_subtype(bb, base_builtin) {
            base_builtin = bb;
        } else if !typeid_is_subtype(base_builtin, bb) && !(bb.is_exception() && base_builtin.is_exception()) {
            return Err(PyErr::type_error("multiple bases have instance lay-out conflict"));
        }
    }
    let mro_tail = compute_mro_tail(&bases)?;

    // The class dict: the namespace, with __new__ as a staticmethod and __init_subclass__ and
    // __class_getitem__ as classmethods.
    let dict = Rc::new(PyDict::new());
    let mut qualname: Rc<str> = Rc::from(name);
    let mut class_cell = None;
    for (k, v) in namespace.items() {
        if let Value::Str(key) = &k {
            match key.as_str() {
                "__qualname__" => {
                    match &v {
                        Value::Str(q) => qualname = Rc::from(q.as_str()),
                        other => {
                            return Err(PyErr::type_error(format!(
                                "type __qualname__ must be a str, not {}",
                                type_of(other).name
                            )))
                        }
                    }
                    continue;
                }
                "__classcell__" => {
                    class_cell = Some(v);
                    continue;
                }
                "__new__" if matches!(v, Value::Function(_)) => {
                    dict.set(k, descriptors::wrap_function(TypeId::StaticMethod, v))?;
                    continue;
                }
                "__init_subclass__" | "__class_getitem__" if matches!(v, Value::Function(_)) => {
                    dict.set(k, descriptors::wrap_function(TypeId::ClassMethod, v))?;
                    continue;
                }
                _ => {}
            }
        }
        dict.set(k, v)?;
    }
    if dict.get_str("__doc__").is_none() {
        dict.set_str("__doc__", Value::None);
    }
    // Defining __eq__ without __hash__ makes instances unhashable.
    if dict.get_str("__eq__").is_some() && dict.get_str("__hash__").is_none() {
        dict.set_str("__hash__", Value::None);
    }
    let module = match dict.get_str("__module__") {
        Some(Value::Str(m)) => Some(Rc::from(m.as_str())),
        _ => match vm.frame.globals.get_str("__name__") {
            Some(Value::Str(m)) => {
                dict.set_str("__module__", Value::Str(m.clone()));
                Some(Rc::from(m.as_str()))
            }
            _ => None,
        },
    };

    // Instance layout: __slots__ and whether instances get a __dict__.
    let inherited_dict = bases.iter().any(|b| b.instance_dict);
    let mut slots: Vec<Rc<str>> = Vec::new();
    for b in &bases {
        for s in &b.slots {
            if !slots.contains(s) {
                slots.push(s.clone());
            }
        }
    }
    let instance_dict = match dict.get_str("__slots__") {
        Some(spec) => {
            let own = slot_names(vm, &spec)?;
            let mut wants_dict = false;
            for s in own {
                if &*s == "__dict__" {
                    wants_dict = true;
                    continue;
                }
                if dict.get_str(&s).is_some() {
                    return Err(PyErr::value_error(format!("'{s}' in __slots__ conflicts with class variable")));
                }
                if !slots.contains(&s) {
                    slots.push(s);
                }
            }
            wants_dict || inherited_dict
        }
        None => true,
    };
    if !slots.is_empty() && base_builtin != TypeId::Object && !base_builtin.is_exception() {
        return Err(PyErr::type_error(format!(
            "nonempty __slots__ not supported for subtype of '{}'",
            base_builtin.name()
        )));
    }

    let metaclass = if meta.builtin == Some(TypeId::Type) { None } else { Some(meta.clone()) };
    let ty = Rc::new(PyType {
        name: Rc::from(name),
        qualname,
        builtin: None,
        base_builtin,
        bases: bases.clone(),
        mro_tail,
        dict,
        module,
        version: Cell::new(crate::objects::types::next_type_version()),
        metaclass,
        slots,
        instance_dict,
        instance_keys: RefCell::new(Vec::new()),
        special_cache: RefCell::new(crate::objects::types::SpecialCache::default()),
        subclasses: RefCell::new(Vec::new()),
        flags: Cell::new(0),
    });
    for b in &bases {
        let mut subs = b.subclasses.borrow_mut();
        if subs.len() >= 64 && subs.len().is_power_of_two() {
            subs.retain(|w| w.strong_count() > 0);
        }
        subs.push(Rc::downgrade(&ty));
    }
    refresh_flags(&ty);
    crate::gc::track(&Value::Type(ty.clone()));
    if let Some(Value::Cell(cell)) = class_cell {
        *cell.value.borrow_mut() = Value::Type(ty.clone());
    }
    let cls = Value::Type(ty.clone());

    // __set_name__ on descriptors in the namespace.
    for (k, v) in ty.dict.items() {
        if let Value::Object(_) = &v {
            if let Some(set_name) = lookup(&type_of(&v), "__set_name__") {
                call_method_of(vm, &set_name, &v, &[cls.clone(), k.clone()])?;
            }
        }
    }
    // __init_subclass__ of the nearest base that defines it.
    let hook = ty.mro_tail.iter().find_map(|t| t.dict.get_str("__init_subclass__"));
    if let Some(hook) = hook {
        let func = match &hook {
            Value::Object(o) if descriptors::is_wrapper(&hook, TypeId::ClassMethod) => {
                descriptors::builtin_object_attr(o, "__func__").unwrap_or(Value::None)
            }
            other => other.clone(),
        };
        let mut args: ArgVec = SmallVec::new();
        args.push(cls.clone());
        let mut names: SmallVec<[Rc<PyStr>; 4]> = SmallVec::new();
        for (n, v) in kwargs {
            args.push(v.clone());
            names.push(n.clone());
        }
        vm.call_kw(&func, &args, &names)?;
    }
    Ok(ty)
}

/// The bases of a class statement as types, resolving `__mro_entries__` of non-type bases.
/// Returns the resolved bases and whether any was replaced.
fn resolve_bases(vm: &mut Vm, bases: &[Value]) -> PyResult<(Vec<Rc<PyType>>, bool)> {
    let mut out = Vec::with_capacity(bases.len());
    let mut changed = false;
    for b in bases {
        match b {
            Value::Type(t) => out.push(t.clone()),
            other => {
                let entries = match crate::ops::getattr(vm, other, "__mro_entries__") {
                    Ok(f) => f,
                    Err(e) if e.matches(TypeId::AttributeError) => {
                        return Err(PyErr::type_error(format!(
                            "bases must be types, not {}",
                            type_of(other).name
                        )))
                    }
                    Err(e) => return Err(e),
                };
                let tuple = Value::tuple(bases.to_vec());
                let result = vm.call(&entries, &[tuple])?;
                let Value::Tuple(items) = result else {
                    return Err(PyErr::type_error("__mro_entries__ must return a tuple"));
                };
                for item in items.items.iter() {
                    match item {
                        Value::Type(t) => out.push(t.clone()),
                        other => {
                            return Err(PyErr::type_error(format!(
                                "bases must be types, not {}",
                                type_of(other).name
                            )))
                        }
                    }
                }
                changed = true;
            }
        }
    }
    Ok((out, changed))
}

/// `__build_class__(func, name, *bases, metaclass=..., **kwds)`: run the class body and
/// create the class through its metaclass.
pub fn build_class(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let (Some(Value::Function(body)), Some(Value::Str(name))) = (pos.first(), pos.get(1)) else {
        return Err(PyErr::type_error("__build_class__: func and name are required"));
    };
    let body = body.clone();
    let name = name.clone();
    let orig_bases = &pos[2..];
    let mut explicit_meta = None;
    let mut kwargs: Vec<(Rc<PyStr>, Value)> = Vec::new();
    for (n, v) in args.kwnames.iter().zip(args.args[pos.len()..].iter()) {
        if n.as_str() == "metaclass" {
            explicit_meta = Some(v.clone());
        } else {
            kwargs.push((n.clone(), v.clone()));
        }
    }
    let (bases, bases_changed) = resolve_bases(vm, orig_bases)?;
    let meta_value = match explicit_meta {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => Value::Type(type_of(&Value::Type(b.clone()))),
            None => Value::Type(builtin_type(TypeId::Type)),
        },
    };
    let meta_value = match &meta_value {
        Value::Type(m) => Value::Type(winner_metaclass(m.clone(), &bases)?),
        other => other.clone(),
    };
    let bases_tuple = Value::tuple(bases.iter().map(|b| Value::Type(b.clone())).collect());

    // The namespace: `__prepare__` of a user metaclass, else a fresh dict.
    let namespace = match &meta_value {
        Value::Type(m) if m.is_user_class() && lookup(m, "__prepare__").is_some() => {
            let prepare = crate::ops::getattr(vm, &meta_value, "__prepare__")?;
            let mut call_args: ArgVec = SmallVec::new();
            call_args.push(Value::Str(name.clone()));
            call_args.push(bases_tuple.clone());
            let mut names: SmallVec<[Rc<PyStr>; 4]> = SmallVec::new();
            for (n, v) in &kwargs {
                call_args.push(v.clone());
                names.push(n.clone());
            }
            match vm.call_kw(&prepare, &call_args, &names)? {
                Value::Dict(d) => d,
                Value::Object(o) if matches!(o.base_value, Value::Dict(_)) => match &o.base_value {
                    Value::Dict(d) => d.clone(),
                    _ => Rc::new(PyDict::new()),
                },
                other => {
                    return Err(PyErr::type_error(format!(
                        "{}.__prepare__() must return a mapping, not {}",
                        m.name,
                        type_of(&other).name
                    )))
                }
            }
        }
        _ => Rc::new(PyDict::new()),
    };
    vm.run_class_body(&body, namespace.clone())?;
    if bases_changed {
        namespace.set_str("__orig_bases__", Value::tuple(orig_bases.to_vec()));
    }
    match &meta_value {
        Value::Type(m) if m.builtin == Some(TypeId::Type) => {
            Ok(Value::Type(type_new(vm, m, name.as_str(), bases, &namespace, &kwargs)?))
        }
        _ => {
            let mut call_args: ArgVec = SmallVec::new();
            call_args.push(Value::Str(name.clone()));
            call_args.push(bases_tuple);
            call_args.push(Value::Dict(namespace));
            let mut names: SmallVec<[Rc<PyStr>; 4]> = SmallVec::new();
            for (n, v) in &kwargs {
                call_args.push(v.clone());
                names.push(n.clone());
            }
            vm.call_kw(&meta_value, &call_args, &names)
        }
    }
}

/// The arguments of `type.__new__` / `type(...)` after the metaclass: name, bases, dict.
fn unpack_type_args(args: &[Value]) -> PyResult<(Rc<PyStr>, Vec<Rc<PyType>>, Rc<PyDict>)> {
    let [name, bases, dict] = args else {
        return Err(PyErr::type_error("type() takes 1 or 3 arguments"));
    };
    let Value::Str(name) = name else {
        return Err(PyErr::type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            type_of(name).name
        )));
    };
    let Value::Tuple(bases) = bases else {
        return Err(PyErr::type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            type_of(bases).name
        )));
    };
    let dict = match dict {
        Value::Dict(d) => d.clone(),
        Value::Object(o) if matches!(o.base_value, Value::Dict(_)) => match &o.base_value {
            Value::Dict(d) => d.clone(),
            _ => Rc::new(PyDict::new()),
        },
        other => {
            return Err(PyErr::type_error(format!(
                "type.__new__() argument 3 must be dict, not {}",
                type_of(other).name
            )))
        }
    };
    let mut types = Vec::with_capacity(bases.items.len());
    for b in bases.items.iter() {
        match b {
            Value::Type(t) => types.push(t.clone()),
            _ => {
                return Err(PyErr::type_error(
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
                ))
            }
        }
    }
    Ok((name.clone(), types, dict))
}

fn keyword_pairs(args: &CallArgs<'_>) -> Vec<(Rc<PyStr>, Value)> {
    let start = args.args.len() - args.kwnames.len();
    args.kwnames.iter().cloned().zip(args.args[start..].iter().cloned()).collect()
}

/// `type.__new__(meta, name, bases, dict, **kwargs)` (and `type.__new__(type, obj)`).
pub fn type_new_native(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let Some(Value::Type(meta)) = pos.first() else {
        return Err(PyErr::type_error("type.__new__(X): X is not a type object"));
    };
    if !meta.is_subtype_of(&builtin_type(TypeId::Type)) {
        return Err(PyErr::type_error(format!("type.__new__({}): {} is not a subtype of type", meta.name, meta.name)));
    }
    if pos.len() == 2 && meta.builtin == Some(TypeId::Type) {
        return Ok(Value::Type(type_of(&pos[1])));
    }
    let (name, bases, dict) = unpack_type_args(&pos[1..])?;
    let meta = winner_metaclass(meta.clone(), &bases)?;
    let kwargs = keyword_pairs(&args);
    Ok(Value::Type(type_new(vm, &meta, name.as_str(), bases, &dict, &kwargs)?))
}

/// `type(name, bases, dict, **kwargs)` called on `type` itself.
pub fn type_call3(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let (name, bases, dict) = unpack_type_args(pos)?;
    let meta = winner_metaclass(builtin_type(TypeId::Type), &bases)?;
    if meta.is_user_class() {
        return vm.call_kw(&Value::Type(meta), args.args, args.kwnames);
    }
    let kwargs = keyword_pairs(&args);
    Ok(Value::Type(type_new(vm, &meta, name.as_str(), bases, &dict, &kwargs)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str, bases: &[Rc<PyType>]) -> Rc<PyType> {
        let bases = if bases.is_empty() { vec![builtin_type(TypeId::Object)] } else { bases.to_vec() };
        let tail = compute_mro_tail(&bases).unwrap_or_default();
        Rc::new(PyType {
            name: Rc::from(name),
            qualname: Rc::from(name),
            builtin: None,
            base_builtin: TypeId::Object,
            bases,
            mro_tail: tail,
            dict: Rc::new(PyDict::new()),
            module: None,
            version: Cell::new(crate::objects::types::next_type_version()),
            metaclass: None,
            slots: Vec::new(),
            instance_dict: true,
            instance_keys: RefCell::new(Vec::new()),
            special_cache: RefCell::new(crate::objects::types::SpecialCache::default()),
            subclasses: RefCell::new(Vec::new()),
            flags: Cell::new(0),
        })
    }

    fn names(t: &Rc<PyType>) -> Vec<String> {
        t.mro().map(|x| x.name.to_string()).collect()
    }

    #[test]
    fn c3_diamond() {
        let a = class("A", &[]);
        let b = class("B", &[a.clone()]);
        let c = class("C", &[a.clone()]);
        let d = class("D", &[b, c]);
        assert_eq!(names(&d), ["D", "B", "C", "A", "object"]);
    }

    #[test]
    fn c3_classic_example() {
        // The example from the Python 2.3 MRO paper.
        let o = builtin_type(TypeId::Object);
        let f = class("F", &[o.clone()]);
        let e = class("E", &[o.clone()]);
        let d = class("D", &[o]);
        let c = class("C", &[d.clone(), f.clone()]);
        let b = class("B", &[d, e.clone()]);
        let a = class("A", &[b, c]);
        assert_eq!(names(&a), ["A", "B", "C", "D", "E", "F", "object"]);
        let _ = (e, f);
    }

    #[test]
    fn c3_inconsistent_order_is_an_error() {
        let x = class("X", &[]);
        let y = class("Y", &[]);
        let a = class("A", &[x.clone(), y.clone()]);
        let b = class("B", &[y, x]);
        let err = compute_mro_tail(&[a, b]).err().map(|e| match e.0.args().items.first() {
            Some(Value::Str(s)) => s.as_str().to_owned(),
            _ => String::new(),
        });
        assert_eq!(
            err.as_deref(),
            Some("Cannot create a consistent method resolution\norder (MRO) for bases X, Y")
        );
    }

    #[test]
    fn c3_merge_of_nothing_is_empty() {
        assert_eq!(c3_merge(Vec::new()).map(|v| v.len()).ok(), Some(0));
    }
}
