//! `dict`: an insertion-ordered hash map (dense entry vector + hashbrown index of positions,
//! the layout of CPython's compact dict), and its methods.

use std::cell::{Cell, RefCell};

use hashbrown::HashTable;

use crate::error::PyResult;
use crate::objects::mix_hash;
use crate::objects::types::MethodTable;
use crate::ops;
use crate::value::Value;

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
    /// Bumped whenever a key is added or removed (not when a value changes), for LOAD_GLOBAL
    /// caches and for "dictionary changed size during iteration".
    pub keys_version: Cell<u64>,
}

impl Default for PyDict {
    fn default() -> Self {
        PyDict::new()
    }
}

impl DictTable {
    fn find(&self, hash: i64, key: &Value) -> PyResult<Option<usize>> {
        // Identity first, then full equality; equality of builtin values cannot call Python.
        let mut err = None;
        let found = self
            .index
            .find(mix_hash(hash), |&pos| match &self.entries[pos] {
                Some(e) if e.hash == hash => {
                    if e.key.is(key) {
                        return true;
                    }
                    match ops::eq_builtin(&e.key, key) {
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
        PyDict { table: RefCell::new(DictTable::default()), keys_version: Cell::new(0) }
    }

    fn bump(&self) {
        self.keys_version.set(self.keys_version.get().wrapping_add(1));
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
        let mut t = self.table.borrow_mut();
        match t.find(hash, &key)? {
            Some(pos) => {
                if let Some(e) = t.entries[pos].as_mut() {
                    e.value = value;
                }
            }
            None => {
                t.insert_new(hash, key, value);
                drop(t);
                self.bump();
            }
        }
        Ok(())
    }

    /// Remove `key`, returning its value if it was present.
    pub fn remove(&self, key: &Value) -> PyResult<Option<Value>> {
        let hash = ops::hash(key)?;
        let mut t = self.table.borrow_mut();
        let Some(pos) = t.find(hash, key)? else { return Ok(None) };
        if let Ok(slot) = t.index.find_entry(mix_hash(hash), |&p| p == pos) {
            slot.remove();
        }
        let old = t.entries[pos].take().map(|e| e.value);
        t.len -= 1;
        t.maybe_compact();
        drop(t);
        self.bump();
        Ok(old)
    }

    /// Lookup by a Rust string (globals, keyword arguments, attributes).
    pub fn get_str(&self, name: &str) -> Option<Value> {
        self.get(&Value::str(name)).ok().flatten()
    }

    /// Store under a Rust string key.
    pub fn set_str(&self, name: &str, value: Value) {
        // A str key is always hashable.
        let _ = self.set(Value::str(name), value);
    }

    /// Remove every entry.
    pub fn clear(&self) {
        *self.table.borrow_mut() = DictTable::default();
        self.bump();
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

    /// A new dict with the same entries.
    pub fn copy(&self) -> PyDict {
        PyDict { table: RefCell::new(self.table.borrow().clone()), keys_version: Cell::new(0) }
    }
}

/// Methods of `dict`.
pub const METHODS: MethodTable = &[];
