//! `dict`: an insertion-ordered hash map (dense entry vector + hashbrown index of positions,
//! the layout of CPython's compact dict), and its methods.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use hashbrown::HashTable;

use crate::error::{PyErr, PyResult};
use crate::objects::args::positional;
use crate::objects::mix_hash;
use crate::objects::types::MethodTable;
use crate::ops;
use crate::value::{CallArgs, DictView, DictViewKind, Value};
use crate::vm::Vm;

/// One slot of the entry vector; `None` after a deletion until the next compaction.
#[derive(Clone)]
pub struct Entry {
    /// The key's Python hash.
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Default, Clone)]
pub struct DictTable {
    /// Entries in insertion order, with holes where keys were deleted.
    pub entries: Vec<Option<Entry>>,
    /// Positions into `entries`, hashed by `mix_hash(entry.hash)`.
    index: HashTable<usize>,
    /// Live entries.
    len: usize,
}

/// A dict. Never hold a borrow of `table` across a call into Python code.
pub struct PyDict {
    pub table: RefCell<DictTable>,
    /// Identifies this dict's set of keys and their entry positions: a fresh, never reused
    /// number (see `next_keys_version`) at creation and after every change that adds or removes
    /// a key or moves an entry (insert of a new key, delete, `popitem`, clear, compaction, the
    /// collector's clearing); unchanged when only a value changes. The LOAD_GLOBAL cache relies
    /// on it: an entry position found under a version stays that key's position while the
    /// version is unchanged, and no two dicts ever share a version. Change it only through
    /// `PyDict::keys_changed`.
    keys_version: Cell<u64>,
}

/// The next keys version. One counter for every dict, starting at 1, so a version names one
/// state of one dict, and 0 is free for "no dict" in caches. 64 bits never wrap in practice.
fn next_keys_version() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Default for PyDict {
    fn default() -> Self {
        PyDict::new()
    }
}

/// True if `key` is the str `name` (the same interned object, or equal text).
#[inline(always)]
fn is_str_key(key: &Value, name: &Rc<crate::objects::str::PyStr>) -> bool {
    matches!(key, Value::Str(k) if Rc::ptr_eq(k, name) || k.as_str() == name.as_str())
}

impl DictTable {
    /// The raw entry position of the str key `name` whose hash is `hash`. Str keys compare by
    /// text, so no Python code runs.
    fn find_str(&self, name: &str, hash: i64) -> Option<usize> {
        self.index
            .find(mix_hash(hash), |&pos| {
                matches!(&self.entries[pos], Some(e) if e.hash == hash && matches!(&e.key, Value::Str(k) if k.as_str() == name))
            })
            .copied()
    }

    fn find(&self, hash: i64, key: &Value) -> PyResult<Option<usize>> {
        // Equality of builtin values (`ops::key_eq`) cannot call Python.
        let mut err = None;
        let found = self
            .index
            .find(mix_hash(hash), |&pos| match &self.entries[pos] {
                Some(e) if e.hash == hash => {
                    match ops::key_eq(&e.key, key) {
                        Ok(b) => b,
                        Err(x) => {
                            err = Some(x);
                            false
                        }
                    }
                }
                _ => false,
            })
            .copied();
        match err {
            Some(e) => Err(e),
            None => Ok(found),
        }
    }

    fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        let pos = self.entries.len();
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index.insert_unique(mix_hash(hash), pos, |&p| {
            mix_hash(entries[p].as_ref().map_or(0, |e| e.hash))
        });
        self.len += 1;
    }

    /// Drop the holes left by deletions once they outnumber the live entries.
    fn maybe_compact(&mut self) {
        if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            let live: Vec<Option<Entry>> = self.entries.drain(..).filter(|e| e.is_some()).collect();
            self.entries = live;
            self.index.clear();
            let entries = &self.entries;
            let index = &mut self.index;
            for (pos, e) in entries.iter().enumerate() {
                let h = e.as_ref().map_or(0, |e| e.hash);
                index.insert_unique(mix_hash(h), pos, |&p| mix_hash(entries[p].as_ref().map_or(0, |e| e.hash)));
            }
        }
    }
}

impl PyDict {
    pub fn new() -> PyDict {
        PyDict { table: RefCell::new(DictTable::default()), keys_version: Cell::new(next_keys_version()) }
    }

    /// An empty dict with room for `capacity` keys: filling it allocates its entries and its
    /// index once, where growing from empty reallocated and rehashed them along the way.
    pub fn with_capacity(capacity: usize) -> PyDict {
        let table = DictTable { entries: Vec::with_capacity(capacity), index: HashTable::with_capacity(capacity), len: 0 };
        PyDict { table: RefCell::new(table), keys_version: Cell::new(next_keys_version()) }
    }

    /// The table for mutation. Fails (instead of panicking) while a lookup of this dict is
    /// comparing keys, i.e. when a key's `__eq__` or `__hash__` tries to mutate the dict.
    fn table_mut(&self) -> PyResult<std::cell::RefMut<'_, DictTable>> {
        self.table.try_borrow_mut().map_err(|_| PyErr::runtime_error("dictionary changed size during a key comparison"))
    }

    /// Record that keys were added or removed or entries moved: a fresh keys version.
    pub(crate) fn keys_changed(&self) {
        self.keys_version.set(next_keys_version());
    }

    /// The current keys version (see the field).
    #[inline(always)]
    pub fn keys_version(&self) -> u64 {
        self.keys_version.get()
    }

    /// The value of the live entry at raw position `pos` (a position `find_position`
    /// returned under the current keys version); `None` for a hole, an out-of-range position,
    /// or while the table is being mutated.
    #[inline(always)]
    pub fn value_at(&self, pos: usize) -> Option<Value> {
        let t = self.table.try_borrow().ok()?;
        // Not `Option::map`: its closure stayed an out-of-line call in LOAD_GLOBAL's hit path.
        match t.entries.get(pos) {
            Some(Some(e)) => Some(e.value.clone()),
            _ => None,
        }
    }

    /// The raw entry position of `key` and its value, for caches that remember the position
    /// with `keys_version()`. `Ok(None)` when absent.
    pub fn find_position(&self, key: &Value) -> PyResult<Option<(usize, Value)>> {
        let hash = ops::hash(key)?;
        let t = self.table.borrow();
        Ok(t.find(hash, key)?.and_then(|pos| t.entries.get(pos)?.as_ref().map(|e| (pos, e.value.clone()))))
    }

    pub fn len(&self) -> usize {
        self.table.borrow().len
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `d[key]` without raising: `Ok(None)` when absent; `Err` for an unhashable key.
    pub fn get(&self, key: &Value) -> PyResult<Option<Value>> {
        let hash = ops::hash(key)?;
        let t = self.table.borrow();
        Ok(t.find(hash, key)?.and_then(|pos| t.entries[pos].as_ref().map(|e| e.value.clone())))
    }

    /// `d[key] = value`.
    pub fn set(&self, key: Value, value: Value) -> PyResult<()> {
        let hash = ops::hash(&key)?;
        // Compare under a shared borrow only: a key's `__eq__` may read this dict.
        let found = self.table.borrow().find(hash, &key)?;
        let mut t = self.table_mut()?;
        match found {
            Some(pos) => {
                if let Some(e) = t.entries[pos].as_mut() {
                    e.value = value;
                }
            }
            None => {
                t.insert_new(hash, key, value);
                drop(t);
                self.keys_changed();
            }
        }
        Ok(())
    }

    /// Remove `key`, returning its value if it was present.
    pub fn remove(&self, key: &Value) -> PyResult<Option<Value>> {
        let hash = ops::hash(key)?;
        let Some(pos) = self.table.borrow().find(hash, key)? else { return Ok(None) };
        let mut t = self.table_mut()?;
        if let Ok(slot) = t.index.find_entry(mix_hash(hash), |&p| p == pos) {
            slot.remove();
        }
        let old = t.entries[pos].take().map(|e| e.value);
        t.len -= 1;
        t.maybe_compact();
        drop(t);
        self.keys_changed();
        Ok(old)
    }

    /// Lookup by a Rust string (globals, keyword arguments, attributes), without allocating.
    pub fn get_str(&self, name: &str) -> Option<Value> {
        self.get_str_hashed(name, crate::objects::str::hash_str(name))
    }

    /// `get_str` when the caller knows the string's hash (e.g. cached in its `PyStr`).
    pub fn get_str_hashed(&self, name: &str, hash: i64) -> Option<Value> {
        let t = self.table.borrow();
        let pos = t.find_str(name, hash)?;
        t.entries[pos].as_ref().map(|e| e.value.clone())
    }

    /// The raw entry position of the str key `name` (hash `hash`) and its value, for the
    /// attribute caches' position hints. `None` when absent.
    pub fn find_str_position(&self, name: &str, hash: i64) -> Option<(usize, Value)> {
        let t = self.table.try_borrow().ok()?;
        let pos = t.find_str(name, hash)?;
        t.entries.get(pos)?.as_ref().map(|e| (pos, e.value.clone()))
    }

    /// True if the str key `name` (hash `hash`) is present.
    #[inline]
    pub fn contains_str_hashed(&self, name: &str, hash: i64) -> bool {
        let Ok(t) = self.table.try_borrow() else { return true };
        if t.len == 0 {
            return false;
        }
        t.find_str(name, hash).is_some()
    }

    /// The value under the str key `name` if it sits at raw position `hint` (a position hint
    /// remembered by an attribute cache); `None` when another key or nothing is there.
    #[inline(always)]
    pub fn str_value_at(&self, hint: usize, name: &Rc<crate::objects::str::PyStr>) -> Option<Value> {
        let t = self.table.try_borrow().ok()?;
        let e = t.entries.get(hint)?.as_ref()?;
        // Not `bool::then`: as in `value_at`.
        if is_str_key(&e.key, name) {
            Some(e.value.clone())
        } else {
            None
        }
    }

    /// Replace the value under the str key `name` if it sits at raw position `hint` (the keys
    /// version is kept: no key is added). Returns the old value, or gives `value` back when
    /// another key or nothing is at `hint`.
    #[inline(always)]
    pub fn replace_str_value_at(&self, hint: usize, name: &Rc<crate::objects::str::PyStr>, value: Value) -> Result<Value, Value> {
        let Ok(mut t) = self.table.try_borrow_mut() else { return Err(value) };
        match t.entries.get_mut(hint) {
            Some(Some(e)) if is_str_key(&e.key, name) => {
                Ok(std::mem::replace(&mut e.value, value))
            }
            _ => Err(value),
        }
    }

    /// `d[name] = value` for a str key, returning the entry's raw position (for the attribute
    /// caches' hints).
    pub fn set_str_key(&self, name: &Rc<crate::objects::str::PyStr>, value: Value) -> PyResult<usize> {
        let hash = name.hash_value();
        let key = Value::Str(name.clone());
        let found = self.table.borrow().find(hash, &key)?;
        let mut t = self.table_mut()?;
        if let Some(pos) = found {
            if let Some(e) = t.entries.get_mut(pos).and_then(Option::as_mut) {
                let old = std::mem::replace(&mut e.value, value);
                drop(t);
                old.discard();
                return Ok(pos);
            }
        }
        t.insert_new(hash, key, value);
        let pos = t.entries.len().saturating_sub(1);
        drop(t);
        self.keys_changed();
        Ok(pos)
    }

    /// Store under a Rust string key.
    pub fn set_str(&self, name: &str, value: Value) {
        // A str key is always hashable.
        let _ = self.set(Value::str(name), value);
    }

    /// Remove every entry.
    pub fn clear(&self) {
        // Busy only while a key comparison of this dict runs Python code: then leave it.
        if let Ok(mut t) = self.table.try_borrow_mut() {
            *t = DictTable::default();
        }
        self.keys_changed();
    }

    /// Snapshot of the live (key, value) pairs in insertion order.
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    pub fn keys(&self) -> Vec<Value> {
        self.table.borrow().entries.iter().flatten().map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.table.borrow().entries.iter().flatten().map(|e| e.value.clone()).collect()
    }

    /// The entry at raw position `pos` or the next live one after it: used by iterators that
    /// walk the dict while tolerating holes. Returns (position found, key, value).
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value, Value)> {
        let t = self.table.borrow();
        t.entries
            .iter()
            .enumerate()
            .skip(pos)
            .find_map(|(i, e)| e.as_ref().map(|e| (i, e.key.clone(), e.value.clone())))
    }

    /// `key in d`; `Err` for an unhashable key.
    pub fn contains_key(&self, key: &Value) -> PyResult<bool> {
        let hash = ops::hash(key)?;
        let t = self.table.borrow();
        Ok(t.find(hash, key)?.is_some())
    }

    /// Remove and return the most recently inserted entry (`popitem`).
    pub fn pop_last(&self) -> Option<(Value, Value)> {
        // Busy only while a key comparison of this dict runs Python code; treat as empty.
        let mut t = self.table.try_borrow_mut().ok()?;
        while let Some(slot) = t.entries.pop() {
            if let Some(e) = slot {
                let pos = t.entries.len();
                if let Ok(found) = t.index.find_entry(mix_hash(e.hash), |&p| p == pos) {
                    found.remove();
                }
                t.len -= 1;
                drop(t);
                self.keys_changed();
                return Some((e.key, e.value));
            }
        }
        None
    }

    /// A new dict with the same entries.
    pub fn copy(&self) -> PyDict {
        PyDict { table: RefCell::new(self.table.borrow().clone()), keys_version: Cell::new(next_keys_version()) }
    }
}

/// `dict.update(source)` / `dict(source)` for a source that is not a plain dict but a mapping:
/// an instance of a dict subclass (its dict's items), or any object with a `keys()` method
/// (`source[k]` for each key). `Ok(false)` when `source` is not a mapping.
pub fn merge_mapping(vm: &mut Vm, dict: &PyDict, source: &Value) -> PyResult<bool> {
    let Value::Object(o) = source else { return Ok(false) };
    if let Value::Dict(base) = &o.base_value {
        let overrides_keys = o.class().lookup("keys").is_some_and(|k| !matches!(k, Value::Native(ref n) if n.owner.is_some()));
        if !overrides_keys {
            if std::ptr::eq(dict, Rc::as_ptr(base)) {
                return Ok(true);
            }
            for (k, v) in base.items() {
                dict.set(k, v)?;
            }
            return Ok(true);
        }
    }
    let keys = match ops::getattr(vm, source, "keys") {
        Ok(keys) => keys,
        Err(e) if e.matches(crate::objects::types::TypeId::AttributeError) => return Ok(false),
        Err(e) => return Err(e),
    };
    let keys = vm.call(&keys, &[])?;
    for k in ops::collect(vm, &keys)? {
        let v = ops::getitem(vm, source, &k)?;
        dict.set(k, v)?;
    }
    Ok(true)
}

/// Add the entries of `other` to `dict`: a dict's items, or an iterable of key/value pairs
/// (`dict.update(other)`, `dict(other)`, `d |= other`).
pub fn update_from_value(vm: &mut Vm, dict: &PyDict, other: &Value) -> PyResult<()> {
    if merge_mapping(vm, dict, other)? {
        return Ok(());
    }
    if let Value::Dict(src) = other {
        if std::ptr::eq(dict, Rc::as_ptr(src)) {
            return Ok(());
        }
        for (k, v) in src.items() {
            dict.set(k, v)?;
        }
        return Ok(());
    }
    let it = ops::get_iter(vm, other)?;
    let mut index = 0usize;
    while let Some(item) = ops::next(vm, &it)? {
        let pair = match &item {
            Value::Tuple(t) => t.items.to_vec(),
            Value::List(l) => l.items.borrow().clone(),
            _ => match ops::get_iter(vm, &item) {
                Ok(inner) => ops::collect(vm, &inner)?,
                Err(_) => {
                    return Err(PyErr::type_error(format!(
                        "cannot convert dictionary update sequence element #{index} to a sequence"
                    )))
                }
            },
        };
        if pair.len() != 2 {
            return Err(PyErr::value_error(format!(
                "dictionary update sequence element #{index} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut pair = pair.into_iter();
        if let (Some(k), Some(v)) = (pair.next(), pair.next()) {
            dict.set(k, v)?;
        }
        index += 1;
    }
    Ok(())
}

/// `d1 | d2`: a new dict.
pub fn union(a: &PyDict, b: &PyDict) -> PyResult<PyDict> {
    let result = a.copy();
    for (k, v) in b.items() {
        result.set(k, v)?;
    }
    Ok(result)
}

/// A view value of `dict`.
pub fn view(dict: &Rc<PyDict>, kind: DictViewKind) -> Value {
    Value::DictView(Rc::new(DictView { dict: dict.clone(), kind }))
}

fn receiver<'a>(call: &CallArgs<'a>, name: &str) -> PyResult<&'a Rc<PyDict>> {
    match call.args.first() {
        Some(Value::Dict(d)) => Ok(d),
        Some(other) => Err(PyErr::type_error(format!(
            "descriptor '{name}' for 'dict' objects doesn't apply to a '{}' object",
            other.type_id().name()
        ))),
        None => Err(PyErr::type_error(format!("unbound method dict.{name}() needs an argument"))),
    }
}

fn dict_get(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "get")?;
    let [key, default] = positional::<2>("dict.get", &call, 1)?;
    let key = key.unwrap_or(&Value::None);
    Ok(match d.get(key)? {
        Some(v) => v,
        None => default.cloned().unwrap_or(Value::None),
    })
}

fn dict_keys(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "keys")?;
    positional::<0>("dict.keys", &call, 0)?;
    Ok(view(d, DictViewKind::Keys))
}

fn dict_values(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "values")?;
    positional::<0>("dict.values", &call, 0)?;
    Ok(view(d, DictViewKind::Values))
}

fn dict_items(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "items")?;
    positional::<0>("dict.items", &call, 0)?;
    Ok(view(d, DictViewKind::Items))
}

fn dict_pop(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "pop")?;
    let [key, default] = positional::<2>("dict.pop", &call, 1)?;
    let key = key.cloned().unwrap_or(Value::None);
    // Like CPython, an empty dict answers without hashing the key.
    let found = if d.is_empty() { None } else { d.remove(&key)? };
    match found {
        Some(v) => Ok(v),
        None => match default {
            Some(v) => Ok(v.clone()),
            None => Err(PyErr::key_error(key)),
        },
    }
}

fn dict_popitem(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "popitem")?;
    positional::<0>("dict.popitem", &call, 0)?;
    match d.pop_last() {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => Err(PyErr::new(crate::objects::types::TypeId::KeyError, "popitem(): dictionary is empty")),
    }
}

fn dict_setdefault(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "setdefault")?;
    let [key, default] = positional::<2>("dict.setdefault", &call, 1)?;
    let key = key.cloned().unwrap_or(Value::None);
    if let Some(v) = d.get(&key)? {
        return Ok(v);
    }
    let v = default.cloned().unwrap_or(Value::None);
    d.set(key, v.clone())?;
    Ok(v)
}

fn dict_update(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "update")?.clone();
    let pos = call.positional();
    if pos.len() > 2 {
        return Err(PyErr::type_error(format!("update expected at most 1 argument, got {}", pos.len() - 1)));
    }
    if let Some(other) = pos.get(1) {
        update_from_value(vm, &d, other)?;
    }
    for (name, v) in call.keywords() {
        d.set(Value::str(name), v.clone())?;
    }
    Ok(Value::None)
}

fn dict_copy(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "copy")?;
    positional::<0>("dict.copy", &call, 0)?;
    Ok(Value::dict(d.copy()))
}

fn dict_clear(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "clear")?;
    positional::<0>("dict.clear", &call, 0)?;
    let old = std::mem::take(&mut *d.table_mut()?);
    d.keys_changed();
    drop(old);
    Ok(Value::None)
}

/// `dict.fromkeys(iterable, value=None)`: the receiver may be the dict type or a dict.
fn dict_fromkeys(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    match call.args.first() {
        Some(Value::Type(_)) | Some(Value::Dict(_)) => {}
        _ => return Err(PyErr::type_error("descriptor 'fromkeys' requires a 'dict' type")),
    }
    let [iterable, value] = positional::<2>("dict.fromkeys", &call, 1)?;
    let value = value.cloned().unwrap_or(Value::None);
    let keys = ops::collect(vm, iterable.unwrap_or(&Value::None))?;
    let d = PyDict::new();
    for k in keys {
        d.set(k, value.clone())?;
    }
    Ok(Value::dict(d))
}

fn dict_getitem_method(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "__getitem__")?;
    let [key] = positional::<1>("dict.__getitem__", &call, 1)?;
    ops::getitem(vm, &Value::Dict(d.clone()), key.unwrap_or(&Value::None))
}

fn dict_contains_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "__contains__")?;
    let [key] = positional::<1>("dict.__contains__", &call, 1)?;
    Ok(Value::bool(d.contains_key(key.unwrap_or(&Value::None))?))
}

fn dict_len_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let d = receiver(&call, "__len__")?;
    positional::<0>("dict.__len__", &call, 0)?;
    Ok(Value::Int(d.len() as i64))
}

/// Methods of `dict`.
pub const METHODS: MethodTable = &[
    ("get", dict_get),
    ("keys", dict_keys),
    ("values", dict_values),
    ("items", dict_items),
    ("pop", dict_pop),
    ("popitem", dict_popitem),
    ("setdefault", dict_setdefault),
    ("update", dict_update),
    ("copy", dict_copy),
    ("clear", dict_clear),
    ("fromkeys", dict_fromkeys),
    ("__getitem__", dict_getitem_method),
    ("__contains__", dict_contains_method),
    ("__len__", dict_len_method),
];

#[cfg(test)]
mod tests {
    //! The keys-version rules the LOAD_GLOBAL cache relies on.
    use super::*;

    fn key(name: &str) -> Value {
        Value::str(name)
    }

    /// Runs `change` on `d` and tells whether the keys version changed.
    fn bumps(d: &PyDict, change: impl FnOnce(&PyDict)) -> bool {
        let before = d.keys_version();
        change(d);
        d.keys_version() != before
    }

    #[test]
    fn every_dict_starts_with_its_own_nonzero_version() {
        let a = PyDict::new();
        let b = PyDict::new();
        let c = a.copy();
        assert_ne!(a.keys_version(), 0);
        assert_ne!(a.keys_version(), b.keys_version());
        assert_ne!(a.keys_version(), c.keys_version());
    }

    #[test]
    fn new_key_bumps_but_new_value_does_not() {
        let d = PyDict::new();
        assert!(bumps(&d, |d| d.set_str("x", Value::Int(1))));
        assert!(!bumps(&d, |d| d.set_str("x", Value::Int(2))));
        assert_eq!(d.get_str("x").map(|v| matches!(v, Value::Int(2))), Some(true));
    }

    #[test]
    fn removing_bumps_and_missing_key_does_not() {
        let d = PyDict::new();
        d.set_str("x", Value::Int(1));
        assert!(!bumps(&d, |d| assert!(matches!(d.remove(&key("nope")), Ok(None)))));
        assert!(bumps(&d, |d| assert!(matches!(d.remove(&key("x")), Ok(Some(_))))));
        d.set_str("y", Value::Int(1));
        assert!(bumps(&d, |d| assert!(d.pop_last().is_some())));
        d.set_str("z", Value::Int(1));
        assert!(bumps(&d, |d| d.clear()));
    }

    #[test]
    fn versions_never_repeat_across_dicts() {
        // Two dicts put through the same changes never share a version (a counter per dict
        // would give both the same numbers).
        let a = PyDict::new();
        let b = PyDict::new();
        let mut seen = std::collections::HashSet::new();
        for i in 0..50 {
            a.set_str(&format!("k{i}"), Value::Int(i));
            b.set_str(&format!("k{i}"), Value::Int(i));
            assert!(seen.insert(a.keys_version()));
            assert!(seen.insert(b.keys_version()));
        }
    }

    #[test]
    fn a_position_stays_valid_while_the_version_holds() {
        let d = PyDict::new();
        for i in 0..40 {
            d.set_str(&format!("k{i}"), Value::Int(i));
        }
        let found = d.find_position(&key("k39"));
        let Ok(Some((pos, _))) = found else { panic!("k39 not found") };
        let version = d.keys_version();
        d.set_str("k39", Value::Int(-1));
        assert_eq!(d.keys_version(), version);
        assert!(matches!(d.value_at(pos), Some(Value::Int(-1))));
        // Deleting most keys compacts the entries, moving k39: the version must change.
        for i in 0..30 {
            let _ = d.remove(&key(&format!("k{i}")));
        }
        assert_ne!(d.keys_version(), version);
        let Ok(Some((moved, _))) = d.find_position(&key("k39")) else { panic!("k39 lost") };
        assert_ne!(moved, pos, "compaction moved the entry");
        assert!(matches!(d.value_at(moved), Some(Value::Int(-1))));
        assert!(d.value_at(pos).is_none());
    }
}
