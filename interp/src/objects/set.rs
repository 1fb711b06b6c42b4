//! `set` and `frozenset`: an open-addressing hash table whose slot layout, probing, growth and
//! deletion behave like CPython's set, so iteration order (and `pop()` order) matches CPython
//! for every element whose hash programs can observe (ints, floats, tuples of them, bools).
//!
//! Table rules (CPython-compatible behaviour, written from its documented design):
//! - the table has a power-of-two number of slots (8 at first); `mask = slots - 1`;
//! - a key with hash `h` starts at slot `h & mask`, checks up to 9 following slots linearly
//!   (when they fit before the end of the table), then jumps to `(i * 5 + 1 + perturb) & mask`
//!   with `perturb` starting at `h` and shifted right by 5 before every jump;
//! - a deleted key leaves a dummy marker (hash -1) that lookups walk over and insertions reuse;
//! - `fill` counts live + dummy slots; when an insertion into a fresh slot makes
//!   `fill * 5 >= mask * 3`, the table is rebuilt with room for `used * 4` keys
//!   (`used * 2` above 50000 keys).
//!
//! Keys are compared with `ops::key_eq` (identity, then `ops::eq_builtin`), which never runs
//! Python code, so the table may stay borrowed while probing.
//!
//! Public API: `PySet::new`, `from_values` (add one by one), `from_constant_literal` (the
//! compiler's frozenset constants), `copy`, `add`, `contains`, `remove` (discard semantics),
//! `pop`, `clear`, `len`, `items` (snapshot in iteration order), `entry_from` (for iterators),
//! `update_from_set` / `update_from_iterable`, `frozen_hash`; the set algebra functions
//! (`union`, `intersection`, `difference`, `symmetric_difference` and their `*_value` forms
//! taking any iterable); `set_from_iterable` for `set(x)` / `frozenset(x)`.

use std::cell::{Cell, RefCell};

use crate::error::{PyErr, PyResult};
use crate::objects::args::{check_no_kwargs, positional};
use crate::objects::types::{MethodTable, TypeId};
use crate::ops;
use crate::value::{CallArgs, DictViewKind, Value};
use crate::vm::Vm;

/// Slots in a new table.
const MIN_SIZE: usize = 8;
/// Linear probes tried after the first slot before perturbed jumping.
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
/// The one-character strings CPython 3.11 has interned by the time it compiles a program
/// (measured: a set display containing one of these is rebuilt once more, see
/// `PySet::from_constant_literal`).
pub const STARTUP_INTERNED_CHARS: &str = "abcdefhijklmnopqrstvwxyBCLST_";
/// Hash stored in a dummy (deleted) slot; no live key hashes to -1.
const DUMMY_HASH: i64 = -1;

/// One slot. Empty: `key` is `Value::Null` and `hash` is 0; dummy: `key` is `Value::Null` and
/// `hash` is -1; live otherwise.
#[derive(Clone)]
struct Slot {
    hash: i64,
    key: Value,
}

impl Slot {
    const EMPTY: Slot = Slot { hash: 0, key: Value::Null };

    #[inline]
    fn is_live(&self) -> bool {
        !matches!(self.key, Value::Null)
    }

    #[inline]
    fn is_empty(&self) -> bool {
        matches!(self.key, Value::Null) && self.hash != DUMMY_HASH
    }
}

#[derive(Clone)]
struct SetTable {
    slots: Vec<Slot>,
    /// Live + dummy slots.
    fill: usize,
    /// Live slots.
    used: usize,
    /// Where `pop()` starts looking.
    finger: usize,
}

impl SetTable {
    fn new() -> SetTable {
        SetTable { slots: vec![Slot::EMPTY; MIN_SIZE], fill: 0, used: 0, finger: 0 }
    }

    #[inline]
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Slot index of `key`, if present.
    fn find(&self, hash: i64, key: &Value) -> PyResult<Option<usize>> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                let slot = &self.slots[j];
                if slot.is_empty() {
                    return Ok(None);
                }
                if slot.hash == hash && slot.is_live() && ops::key_eq(&slot.key, key)? {
                    return Ok(Some(j));
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// Insert `key` unless an equal key is present. Returns true if it was added.
    fn add(&mut self, hash: i64, key: Value) -> PyResult<bool> {
        self.add_probing(hash, key, true)
    }

    /// Insert `key` that a `find` has just shown to be absent, choosing the slot `add` would
    /// choose but without comparing keys (so no Python `__eq__` runs under a mutable borrow).
    fn add_absent(&mut self, hash: i64, key: Value) -> PyResult<bool> {
        self.add_probing(hash, key, false)
    }

    fn add_probing(&mut self, hash: i64, key: Value, compare: bool) -> PyResult<bool> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut free_dummy: Option<usize> = None;
        let empty_at = 'search: loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                let slot = &self.slots[j];
                if slot.is_empty() {
                    break 'search j;
                }
                if slot.is_live() {
                    if compare && slot.hash == hash && ops::key_eq(&slot.key, &key)? {
                        return Ok(false);
                    }
                } else if free_dummy.is_none() {
                    free_dummy = Some(j);
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        };
        if let Some(d) = free_dummy {
            self.slots[d] = Slot { hash, key };
            self.used += 1;
            return Ok(true);
        }
        self.slots[empty_at] = Slot { hash, key };
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 >= mask * 3 {
            let min_used = if self.used > 50000 { self.used * 2 } else { self.used * 4 };
            self.resize(min_used)?;
        }
        Ok(true)
    }

    /// Place a key known to be absent into a table without dummies.
    fn insert_clean(slots: &mut [Slot], hash: i64, key: Value) {
        let mask = slots.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            if let Some(slot) = slots[i..=i + probes].iter_mut().find(|s| s.is_empty()) {
                *slot = Slot { hash, key };
                return;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// Number of slots for a table holding `min_used` keys: the smallest power of two above it.
    fn size_for(min_used: usize) -> PyResult<usize> {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size = size.checked_mul(2).ok_or_else(PyErr::memory_error)?;
        }
        Ok(size)
    }

    fn alloc_slots(size: usize) -> PyResult<Vec<Slot>> {
        let mut slots = Vec::new();
        slots.try_reserve_exact(size).map_err(|_| PyErr::memory_error())?;
        slots.resize(size, Slot::EMPTY);
        Ok(slots)
    }

    /// Rebuild the table with room for `min_used` keys, dropping dummies.
    fn resize(&mut self, min_used: usize) -> PyResult<()> {
        let size = Self::size_for(min_used)?;
        let mut new_slots = Self::alloc_slots(size)?;
        let old = std::mem::take(&mut self.slots);
        for slot in old {
            if slot.is_live() {
                Self::insert_clean(&mut new_slots, slot.hash, slot.key);
            }
        }
        self.slots = new_slots;
        self.fill = self.used;
        Ok(())
    }

    fn discard_at(&mut self, pos: usize) -> Value {
        let old = std::mem::replace(&mut self.slots[pos], Slot { hash: DUMMY_HASH, key: Value::Null });
        self.used -= 1;
        old.key
    }

    /// Add every key of `other` (CPython's merge: it copies the slot layout when it can).
    fn merge(&mut self, other: &SetTable) -> PyResult<()> {
        if other.used == 0 {
            return Ok(());
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2)?;
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.slots.clone_from(&other.slots);
            self.fill = other.fill;
            self.used = other.used;
            return Ok(());
        }
        if self.fill == 0 {
            for slot in &other.slots {
                if slot.is_live() {
                    Self::insert_clean(&mut self.slots, slot.hash, slot.key.clone());
                }
            }
            self.fill = other.used;
            self.used = other.used;
            return Ok(());
        }
        for slot in &other.slots {
            if slot.is_live() {
                self.add(slot.hash, slot.key.clone())?;
            }
        }
        Ok(())
    }

    fn live(&self) -> impl Iterator<Item = &Slot> {
        self.slots.iter().filter(|s| s.is_live())
    }
}

/// A `set` or `frozenset` (the `Value` variant says which).
pub struct PySet {
    table: RefCell<SetTable>,
    /// Cached `hash()` of a frozenset; -1 until computed.
    hash_cache: Cell<i64>,
}

impl Default for PySet {
    fn default() -> Self {
        PySet::new()
    }
}

impl PySet {
    /// An empty set.
    pub fn new() -> PySet {
        PySet { table: RefCell::new(SetTable::new()), hash_cache: Cell::new(-1) }
    }

    /// A set holding `values`, added one by one in order (like `set(list)` in CPython).
    pub fn from_values(values: impl IntoIterator<Item = Value>) -> PyResult<PySet> {
        let set = PySet::new();
        for v in values {
            set.add(v)?;
        }
        Ok(set)
    }

    /// The frozenset constant CPython's compiler makes for a set display whose items are all
    /// constants (3 or more of them), `{1, 2, 10, 11}`: built from the items in source order,
    /// then rebuilt from that set's iteration order (the compiler's constant merging does
    /// this). The display itself is then `BUILD_SET 0; LOAD_CONST <this>; SET_UPDATE 1`, i.e.
    /// `update_from_set` into an empty set; `for x in {...}` / `x in {...}` use the frozenset
    /// directly. Matching this is what makes `print({1, 2, 10, 11})` show `{10, 1, 2, 11}`.
    ///
    /// CPython rebuilds the constant a third time when interning its identifier-like strings
    /// replaces one by an equal string interned earlier. This version assumes only the
    /// one-character strings CPython 3.11 interns at startup were interned before; see
    /// `from_constant_literal_with` to say more (e.g. the module's own identifiers).
    pub fn from_constant_literal(items: impl IntoIterator<Item = Value>) -> PyResult<PySet> {
        PySet::from_constant_literal_with(items, |s| s.len() == 1 && STARTUP_INTERNED_CHARS.contains(s))
    }

    /// `from_constant_literal`, where `interned_before(s)` tells whether an identifier-like
    /// string constant `s` (ASCII letters, digits, `_`) equals a string CPython would have
    /// interned before creating this code object: one-character strings in
    /// `STARTUP_INTERNED_CHARS`, builtin names, names and variable names of this code object
    /// and of the code objects compiled before it.
    pub fn from_constant_literal_with(
        items: impl IntoIterator<Item = Value>,
        interned_before: impl Fn(&str) -> bool,
    ) -> PyResult<PySet> {
        let first = PySet::from_values(items)?;
        let second = PySet::from_values(first.items())?;
        let reinterned = second.items().iter().any(|v| match v {
            Value::Str(s) => {
                !s.s.is_empty()
                    && s.s.bytes().all(|b| b == b'_' || b.is_ascii_alphanumeric())
                    && interned_before(s.as_str())
            }
            _ => false,
        });
        if reinterned {
            PySet::from_values(second.items())
        } else {
            Ok(second)
        }
    }

    /// A new set with the same keys, laid out the way CPython's `set(other)` / `copy()` does.
    pub fn copy(&self) -> PyResult<PySet> {
        let set = PySet::new();
        set.update_from_set(self)?;
        Ok(set)
    }

    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Add `v`; TypeError if it is unhashable. Returns true if it was not present.
    pub fn add(&self, v: Value) -> PyResult<bool> {
        let hash = ops::hash(&v)?;
        self.add_hashed(hash, v)
    }

    fn add_hashed(&self, hash: i64, v: Value) -> PyResult<bool> {
        // Compare under a shared borrow only: a key's `__eq__` may read this set.
        if self.table.borrow().find(hash, &v)?.is_some() {
            return Ok(false);
        }
        self.table_mut()?.add_absent(hash, v)
    }

    /// The table for mutation. Fails (instead of panicking) while a lookup of this set is
    /// comparing keys, i.e. when a key's `__eq__` tries to mutate the set.
    fn table_mut(&self) -> PyResult<std::cell::RefMut<'_, SetTable>> {
        self.table.try_borrow_mut().map_err(|_| PyErr::runtime_error("set changed size during a key comparison"))
    }

    /// `v in set`; TypeError if `v` is unhashable.
    pub fn contains(&self, v: &Value) -> PyResult<bool> {
        let hash = ops::hash(v)?;
        Ok(self.table.borrow().find(hash, v)?.is_some())
    }

    /// Remove `v` if present (`discard`); returns whether it was present.
    pub fn remove(&self, v: &Value) -> PyResult<bool> {
        let hash = ops::hash(v)?;
        let found = self.table.borrow().find(hash, v)?;
        match found {
            Some(pos) => {
                let mut t = self.table_mut()?;
                let old = t.discard_at(pos);
                drop(t);
                drop(old);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Remove and return an arbitrary key (CPython's order), or None when empty.
    pub fn pop(&self) -> Option<Value> {
        let mut t = self.table.borrow_mut();
        if t.used == 0 {
            return None;
        }
        let mask = t.mask();
        let mut pos = t.finger & mask;
        while !t.slots[pos].is_live() {
            pos = (pos + 1) & mask;
        }
        let key = t.discard_at(pos);
        t.finger = pos + 1;
        Some(key)
    }

    /// Remove every key (the table shrinks back to its initial size).
    pub fn clear(&self) {
        let old = std::mem::replace(&mut *self.table.borrow_mut(), SetTable::new());
        drop(old);
    }

    /// Snapshot of the keys in iteration order.
    pub fn items(&self) -> Vec<Value> {
        self.table.borrow().live().map(|s| s.key.clone()).collect()
    }

    /// Snapshot of (hash, key) pairs in iteration order.
    fn hashed_items(&self) -> Vec<(i64, Value)> {
        self.table.borrow().live().map(|s| (s.hash, s.key.clone())).collect()
    }

    /// The live key at slot `pos` or the next live slot after it: (slot found, key).
    /// Used by set iterators.
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value)> {
        let t = self.table.borrow();
        t.slots.iter().enumerate().skip(pos).find(|(_, s)| s.is_live()).map(|(i, s)| (i, s.key.clone()))
    }

    /// Add every key of `other` (`set.update(other_set)`; also how `set(s)`, `s.copy()`,
    /// `s | t` and the `SET_UPDATE` of a constant frozenset build their tables in CPython).
    pub fn update_from_set(&self, other: &PySet) -> PyResult<()> {
        if std::ptr::eq(self, other) {
            return Ok(());
        }
        let snapshot = other.table.borrow().clone();
        self.table.borrow_mut().merge(&snapshot)
    }

    /// Add the keys of a dict (CPython presizes the table for them first).
    pub fn update_from_dict_keys(&self, dict: &crate::objects::dict::PyDict) -> PyResult<()> {
        let entries: Vec<(i64, Value)> =
            dict.table.borrow().entries.iter().flatten().map(|e| (e.hash, e.key.clone())).collect();
        {
            let mut t = self.table.borrow_mut();
            if (t.fill + entries.len()) * 5 >= t.mask() * 3 {
                let min_used = (t.used + entries.len()) * 2;
                t.resize(min_used)?;
            }
        }
        for (h, k) in entries {
            self.add_hashed(h, k)?;
        }
        Ok(())
    }

    /// Add every item of any iterable (`set.update(iterable)`).
    pub fn update_from_iterable(&self, vm: &mut Vm, iterable: &Value) -> PyResult<()> {
        match iterable {
            Value::Set(s) | Value::FrozenSet(s) => self.update_from_set(s),
            Value::Dict(d) => self.update_from_dict_keys(d),
            Value::List(l) => {
                let items = l.items.borrow().clone();
                for v in items {
                    self.add(v)?;
                }
                Ok(())
            }
            Value::Tuple(t) => {
                for v in t.items.iter() {
                    self.add(v.clone())?;
                }
                Ok(())
            }
            _ => {
                let it = ops::get_iter(vm, iterable)?;
                while let Some(v) = ops::next(vm, &it)? {
                    self.add(v)?;
                }
                Ok(())
            }
        }
    }

    /// CPython's frozenset hash: xor of shuffled key hashes, mixed with the size.
    pub fn frozen_hash(&self) -> i64 {
        let cached = self.hash_cache.get();
        if cached != -1 {
            return cached;
        }
        fn shuffle(h: u64) -> u64 {
            ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
        }
        let t = self.table.borrow();
        let mut h: u64 = 0;
        for s in t.live() {
            h ^= shuffle(s.hash as u64);
        }
        h ^= (t.used as u64 + 1).wrapping_mul(1927868237);
        h ^= (h >> 11) ^ (h >> 25);
        h = h.wrapping_mul(69069).wrapping_add(907133923);
        let mut h = h as i64;
        if h == -1 {
            h = 590923713;
        }
        self.hash_cache.set(h);
        h
    }

    /// Replace the contents of this set with those of `other` (in-place operators).
    pub fn replace_with(&self, other: PySet) {
        let new_table = other.table.into_inner();
        let old = std::mem::replace(&mut *self.table.borrow_mut(), new_table);
        drop(old);
    }

    /// For the cycle collector: call `visit` on every key, unless the table is borrowed.
    pub(crate) fn gc_visit_keys(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(t) = self.table.try_borrow() {
            for slot in t.live() {
                visit(&slot.key);
            }
        }
    }

    /// For the cycle collector: take every key out (as a set to drop later), unless the
    /// table is borrowed.
    pub(crate) fn gc_take(&self) -> Option<PySet> {
        let mut t = self.table.try_borrow_mut().ok()?;
        let old = std::mem::replace(&mut *t, SetTable::new());
        Some(PySet { table: RefCell::new(old), hash_cache: Cell::new(-1) })
    }

    /// Drop dummies when they are more than a quarter of the table (after bulk removals).
    fn maybe_shrink_dummies(&self) -> PyResult<()> {
        let mut t = self.table.borrow_mut();
        if t.fill - t.used <= t.mask() / 4 {
            return Ok(());
        }
        let min_used = if t.used > 50000 { t.used * 2 } else { t.used * 4 };
        t.resize(min_used)
    }

    /// `self <= other` as sets.
    pub fn is_subset(&self, other: &PySet) -> PyResult<bool> {
        if self.len() > other.len() {
            return Ok(false);
        }
        for (h, k) in self.hashed_items() {
            if other.table.borrow().find(h, &k)?.is_none() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Set equality.
    pub fn set_eq(&self, other: &PySet) -> PyResult<bool> {
        if std::ptr::eq(self, other) {
            return Ok(true);
        }
        Ok(self.len() == other.len() && self.is_subset(other)?)
    }

    fn contains_hashed(&self, hash: i64, key: &Value) -> PyResult<bool> {
        Ok(self.table.borrow().find(hash, key)?.is_some())
    }

    fn discard_hashed(&self, hash: i64, key: &Value) -> PyResult<bool> {
        let mut t = self.table.borrow_mut();
        match t.find(hash, key)? {
            Some(pos) => {
                let old = t.discard_at(pos);
                drop(t);
                drop(old);
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Set algebra (results laid out as CPython lays them out).

/// `a | b`.
pub fn union(a: &PySet, b: &PySet) -> PyResult<PySet> {
    let result = a.copy()?;
    result.update_from_set(b)?;
    Ok(result)
}

/// `a & b`: walks the smaller set; kept keys come from the walked set.
pub fn intersection(a: &PySet, b: &PySet) -> PyResult<PySet> {
    if std::ptr::eq(a, b) {
        return a.copy();
    }
    let (small, big) = if b.len() > a.len() { (a, b) } else { (b, a) };
    let result = PySet::new();
    for (h, k) in small.hashed_items() {
        if big.contains_hashed(h, &k)? {
            result.add_hashed(h, k)?;
        }
    }
    Ok(result)
}

/// `a & iterable` for a non-set iterable: keys come from the iterable, in its order.
pub fn intersection_iterable(vm: &mut Vm, a: &PySet, other: &Value) -> PyResult<PySet> {
    if let Value::Set(s) | Value::FrozenSet(s) = other {
        return intersection(a, s);
    }
    let result = PySet::new();
    for k in ops::collect(vm, other)? {
        let h = ops::hash(&k)?;
        if a.contains_hashed(h, &k)? {
            result.add_hashed(h, k)?;
        }
    }
    Ok(result)
}

/// Remove from `target` every key of `other` (a set), then drop excess dummies.
fn difference_update_set(target: &PySet, other: &PySet) -> PyResult<()> {
    if std::ptr::eq(target, other) {
        target.clear();
        return Ok(());
    }
    let keys = if other.len() >> 3 > target.len() {
        intersection(target, other)?.hashed_items()
    } else {
        other.hashed_items()
    };
    for (h, k) in keys {
        target.discard_hashed(h, &k)?;
    }
    target.maybe_shrink_dummies()
}

/// Remove from `target` every item of `other` (any iterable): `difference_update`.
pub fn difference_update_value(vm: &mut Vm, target: &PySet, other: &Value) -> PyResult<()> {
    match other {
        Value::Set(s) | Value::FrozenSet(s) => difference_update_set(target, s),
        _ => {
            for k in ops::collect(vm, other)? {
                target.remove(&k)?;
            }
            target.maybe_shrink_dummies()
        }
    }
}

/// `a - b` for two sets.
pub fn difference(a: &PySet, b: &PySet) -> PyResult<PySet> {
    if (a.len() >> 2) > b.len() {
        let result = a.copy()?;
        difference_update_set(&result, b)?;
        return Ok(result);
    }
    let result = PySet::new();
    for (h, k) in a.hashed_items() {
        if !b.contains_hashed(h, &k)? {
            result.add_hashed(h, k)?;
        }
    }
    Ok(result)
}

/// `a.difference(other)` for any iterable `other`.
pub fn difference_value(vm: &mut Vm, a: &PySet, other: &Value) -> PyResult<PySet> {
    match other {
        Value::Set(s) | Value::FrozenSet(s) => difference(a, s),
        Value::Dict(d) if (a.len() >> 2) <= d.len() => {
            let result = PySet::new();
            for (h, k) in a.hashed_items() {
                if !d.contains_key(&k)? {
                    result.add_hashed(h, k)?;
                }
            }
            Ok(result)
        }
        _ => {
            let result = a.copy()?;
            difference_update_value(vm, &result, other)?;
            Ok(result)
        }
    }
}

/// Toggle every key of `other` in `target`.
fn symmetric_difference_update_set(target: &PySet, other: &PySet) -> PyResult<()> {
    if std::ptr::eq(target, other) {
        target.clear();
        return Ok(());
    }
    for (h, k) in other.hashed_items() {
        if !target.discard_hashed(h, &k)? {
            target.add_hashed(h, k)?;
        }
    }
    Ok(())
}

/// `target.symmetric_difference_update(other)` for any iterable `other`.
pub fn symmetric_difference_update_value(vm: &mut Vm, target: &PySet, other: &Value) -> PyResult<()> {
    match other {
        Value::Set(s) | Value::FrozenSet(s) => symmetric_difference_update_set(target, s),
        Value::Dict(d) => {
            for k in d.keys() {
                if !target.remove(&k)? {
                    target.add(k)?;
                }
            }
            Ok(())
        }
        _ => {
            let other = set_from_iterable(vm, other)?;
            symmetric_difference_update_set(target, &other)
        }
    }
}

/// `a ^ b` for two sets: built from a copy of `b`, toggling the keys of `a`.
pub fn symmetric_difference(a: &PySet, b: &PySet) -> PyResult<PySet> {
    let result = b.copy()?;
    symmetric_difference_update_set(&result, a)?;
    Ok(result)
}

/// `a.symmetric_difference(other)` for any iterable `other`.
pub fn symmetric_difference_value(vm: &mut Vm, a: &PySet, other: &Value) -> PyResult<PySet> {
    let result = set_from_iterable(vm, other)?;
    symmetric_difference_update_set(&result, a)?;
    Ok(result)
}

/// `a.isdisjoint(b)`.
pub fn is_disjoint(a: &PySet, b: &PySet) -> PyResult<bool> {
    let (small, big) = if a.len() > b.len() { (b, a) } else { (a, b) };
    for (h, k) in small.hashed_items() {
        if big.contains_hashed(h, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A set from any iterable value (sets and dicts use their fast layouts).
pub fn set_from_iterable(vm: &mut Vm, iterable: &Value) -> PyResult<PySet> {
    let set = PySet::new();
    set.update_from_iterable(vm, iterable)?;
    Ok(set)
}

/// The set-like contents of a set, frozenset or dict keys/items view, for the operators.
pub fn as_set_operand(vm: &mut Vm, v: &Value) -> PyResult<Option<std::rc::Rc<PySet>>> {
    Ok(match v {
        Value::Set(s) | Value::FrozenSet(s) => Some(s.clone()),
        Value::DictView(view) if view.kind != DictViewKind::Values => Some(std::rc::Rc::new(set_from_iterable(vm, v)?)),
        _ => None,
    })
}

// ---------------------------------------------------------------------------------------------
// Methods.

fn wrap_like(template: &Value, set: PySet) -> Value {
    match template {
        Value::FrozenSet(_) => Value::FrozenSet(std::rc::Rc::new(set)),
        _ => Value::set(set),
    }
}

/// The receiver of a set method (a set, or a frozenset for the non-mutating ones).
fn receiver<'a>(call: &CallArgs<'a>, name: &str, mutating: bool) -> PyResult<&'a std::rc::Rc<PySet>> {
    match call.args.first() {
        Some(Value::Set(s)) => Ok(s),
        Some(Value::FrozenSet(s)) if !mutating => Ok(s),
        Some(other) => Err(PyErr::type_error(format!(
            "descriptor '{name}' for 'set' objects doesn't apply to a '{}' object",
            other.type_id().name()
        ))),
        None => Err(PyErr::type_error(format!("unbound method set.{name}() needs an argument"))),
    }
}

/// The other operands of a multi-argument set method as sets.
fn operand_sets(vm: &mut Vm, others: &[Value]) -> PyResult<Vec<std::rc::Rc<PySet>>> {
    let mut out = Vec::with_capacity(others.len());
    for o in others {
        match o {
            Value::Set(s) | Value::FrozenSet(s) => out.push(s.clone()),
            _ => out.push(std::rc::Rc::new(set_from_iterable(vm, o)?)),
        }
    }
    Ok(out)
}

fn set_add(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "add", true)?;
    let [v] = positional::<1>("set.add", &call, 1)?;
    s.add(v.cloned().unwrap_or(Value::None))?;
    Ok(Value::None)
}

fn set_remove(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "remove", true)?;
    let [v] = positional::<1>("set.remove", &call, 1)?;
    let v = v.cloned().unwrap_or(Value::None);
    if !s.remove(&v)? {
        return Err(PyErr::key_error(v));
    }
    Ok(Value::None)
}

fn set_discard(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "discard", true)?;
    let [v] = positional::<1>("set.discard", &call, 1)?;
    if let Some(v) = v {
        s.remove(v)?;
    }
    Ok(Value::None)
}

fn set_pop(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "pop", true)?;
    positional::<0>("set.pop", &call, 0)?;
    s.pop().ok_or_else(|| PyErr::new(TypeId::KeyError, "pop from an empty set"))
}

fn set_clear(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "clear", true)?;
    positional::<0>("set.clear", &call, 0)?;
    s.clear();
    Ok(Value::None)
}

fn set_copy(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "copy", false)?;
    positional::<0>("set.copy", &call, 0)?;
    if let Some(Value::FrozenSet(_)) = call.args.first() {
        return Ok(call.args[0].clone());
    }
    Ok(wrap_like(&call.args[0], s.copy()?))
}

fn set_update(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "update", true)?.clone();
    check_no_kwargs("set.update", &call)?;
    for other in &call.args[1..] {
        s.update_from_iterable(vm, other)?;
    }
    Ok(Value::None)
}

fn set_union(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "union", false)?.clone();
    check_no_kwargs("set.union", &call)?;
    let result = s.copy()?;
    for other in &call.args[1..] {
        result.update_from_iterable(vm, other)?;
    }
    Ok(wrap_like(&call.args[0], result))
}

fn set_intersection(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "intersection", false)?.clone();
    check_no_kwargs("set.intersection", &call)?;
    let mut result: Option<PySet> = None;
    for other in &call.args[1..] {
        let next = match &result {
            None => intersection_iterable(vm, &s, other)?,
            Some(r) => intersection_iterable(vm, r, other)?,
        };
        result = Some(next);
    }
    let result = match result {
        Some(r) => r,
        None => s.copy()?,
    };
    Ok(wrap_like(&call.args[0], result))
}

fn set_intersection_update(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "intersection_update", true)?.clone();
    check_no_kwargs("set.intersection_update", &call)?;
    for other in &call.args[1..] {
        let r = intersection_iterable(vm, &s, other)?;
        s.replace_with(r);
    }
    Ok(Value::None)
}

fn set_difference(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "difference", false)?.clone();
    check_no_kwargs("set.difference", &call)?;
    let result = match call.args.get(1) {
        None => s.copy()?,
        Some(first) => {
            let result = difference_value(vm, &s, first)?;
            for other in &call.args[2..] {
                difference_update_value(vm, &result, other)?;
            }
            result
        }
    };
    Ok(wrap_like(&call.args[0], result))
}

fn set_difference_update(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "difference_update", true)?.clone();
    check_no_kwargs("set.difference_update", &call)?;
    for other in &call.args[1..] {
        difference_update_value(vm, &s, other)?;
    }
    Ok(Value::None)
}

fn set_symmetric_difference(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "symmetric_difference", false)?.clone();
    let [other] = positional::<1>("set.symmetric_difference", &call, 1)?;
    let result = symmetric_difference_value(vm, &s, other.unwrap_or(&Value::None))?;
    Ok(wrap_like(&call.args[0], result))
}

fn set_symmetric_difference_update(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "symmetric_difference_update", true)?.clone();
    let [other] = positional::<1>("set.symmetric_difference_update", &call, 1)?;
    symmetric_difference_update_value(vm, &s, other.unwrap_or(&Value::None))?;
    Ok(Value::None)
}

fn set_issubset(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "issubset", false)?.clone();
    let [other] = positional::<1>("set.issubset", &call, 1)?;
    let other = operand_sets(vm, std::slice::from_ref(other.unwrap_or(&Value::None)))?;
    Ok(Value::bool(s.is_subset(&other[0])?))
}

fn set_issuperset(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "issuperset", false)?.clone();
    let [other] = positional::<1>("set.issuperset", &call, 1)?;
    let other = operand_sets(vm, std::slice::from_ref(other.unwrap_or(&Value::None)))?;
    Ok(Value::bool(other[0].is_subset(&s)?))
}

fn set_isdisjoint(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "isdisjoint", false)?.clone();
    let [other] = positional::<1>("set.isdisjoint", &call, 1)?;
    let other = operand_sets(vm, std::slice::from_ref(other.unwrap_or(&Value::None)))?;
    Ok(Value::bool(is_disjoint(&s, &other[0])?))
}

fn set_contains_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let s = receiver(&call, "__contains__", false)?;
    let [v] = positional::<1>("set.__contains__", &call, 1)?;
    Ok(Value::bool(s.contains(v.unwrap_or(&Value::None))?))
}

/// Methods of `set`.
pub const SET_METHODS: MethodTable = &[
    ("add", set_add),
    ("remove", set_remove),
    ("discard", set_discard),
    ("pop", set_pop),
    ("clear", set_clear),
    ("copy", set_copy),
    ("update", set_update),
    ("union", set_union),
    ("intersection", set_intersection),
    ("intersection_update", set_intersection_update),
    ("difference", set_difference),
    ("difference_update", set_difference_update),
    ("symmetric_difference", set_symmetric_difference),
    ("symmetric_difference_update", set_symmetric_difference_update),
    ("issubset", set_issubset),
    ("issuperset", set_issuperset),
    ("isdisjoint", set_isdisjoint),
    ("__contains__", set_contains_method),
];

/// Methods of `frozenset` (the non-mutating ones).
pub const FROZENSET_METHODS: MethodTable = &[
    ("copy", set_copy),
    ("union", set_union),
    ("intersection", set_intersection),
    ("difference", set_difference),
    ("symmetric_difference", set_symmetric_difference),
    ("issubset", set_issubset),
    ("issuperset", set_issuperset),
    ("isdisjoint", set_isdisjoint),
    ("__contains__", set_contains_method),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The same generator as testdata/gen_set_order.py.
    fn lcg(n: usize, seed: i64, modulus: i64, neg: bool) -> Vec<i64> {
        let mut out = Vec::new();
        let mut x = seed;
        for _ in 0..n {
            x = (x * 1103515245 + 12345).rem_euclid(1 << 31);
            let mut v = x % modulus;
            if neg && x & 1 == 1 {
                v = -v;
            }
            out.push(v);
        }
        out
    }

    fn ints(set: &PySet) -> String {
        let parts: Vec<String> = set
            .items()
            .iter()
            .map(|v| match v {
                Value::Int(i) => i.to_string(),
                Value::Tuple(t) => {
                    let inner: Vec<String> =
                        t.items.iter().map(|x| if let Value::Int(i) = x { i.to_string() } else { "?".into() }).collect();
                    format!("({})", inner.join(", "))
                }
                _ => "?".into(),
            })
            .collect();
        format!("[{}]", parts.join(", "))
    }

    fn build(values: &[i64]) -> PySet {
        PySet::from_values(values.iter().map(|&i| Value::Int(i))).unwrap_or_default()
    }

    fn expected() -> std::collections::HashMap<String, String> {
        include_str!("testdata/set_order_cpython.txt")
            .lines()
            .filter_map(|l| l.split_once(' ').map(|(k, v)| (k.to_owned(), v.to_owned())))
            .collect()
    }

    #[test]
    fn iteration_order_matches_cpython() {
        let exp = expected();
        let cases: Vec<(&str, Vec<i64>)> = vec![
            ("small", vec![3, 1, 2]),
            ("ten", vec![10, 3, 100, 7]),
            ("neg", vec![-1, -2, 5, -8, 1000, 1 << 40, -(1 << 62), 17, 33, 8, 16, 24]),
            ("lcg200", lcg(200, 12345, 1_000_000, true)),
            ("lcg2000", lcg(2000, 7, 1_000_000, true)),
        ];
        for (name, values) in cases {
            assert_eq!(ints(&build(&values)), exp[name], "case {name}");
        }
    }

    #[test]
    fn pop_deletion_and_merge_orders_match_cpython() {
        let exp = expected();
        let s = build(&lcg(50, 3, 1_000_000, true));
        let popped: Vec<String> = (0..20).map(|_| match s.pop() {
            Some(Value::Int(i)) => i.to_string(),
            _ => "?".into(),
        }).collect();
        assert_eq!(format!("[{}] {}", popped.join(", "), ints(&s)), exp["pops"]);

        let s = build(&(0..40).map(|x| x * 13).collect::<Vec<_>>());
        for x in (0..40).step_by(3) {
            assert!(s.remove(&Value::Int(x * 13)).unwrap_or(false));
        }
        for x in lcg(30, 9, 1000, true) {
            let _ = s.add(Value::Int(x));
        }
        assert_eq!(ints(&s), exp["dummies"]);

        let frozen = build(&[100, 200, 300, 400, 500]);
        let s = PySet::new();
        assert!(s.update_from_set(&frozen).is_ok());
        assert_eq!(ints(&s), exp["merge"]);
        assert_eq!(ints(&frozen.copy().unwrap_or_default()), exp["setofset"]);

        let s = build(&(0..100).collect::<Vec<_>>());
        for x in 1..100 {
            if x % 10 != 0 {
                let _ = s.remove(&Value::Int(x));
            }
        }
        assert_eq!(ints(&s.copy().unwrap_or_default()), exp["copy"]);
    }

    #[test]
    fn algebra_orders_match_cpython() {
        let exp = expected();
        let a = build(&lcg(60, 1, 500, true));
        let b = build(&lcg(40, 2, 500, true));
        let r = |x: PyResult<PySet>| ints(&x.unwrap_or_default());
        assert_eq!(r(union(&a, &b)), exp["union"]);
        assert_eq!(r(intersection(&a, &b)), exp["inter"]);
        assert_eq!(r(difference(&a, &b)), exp["diff"]);
        assert_eq!(r(symmetric_difference(&a, &b)), exp["xor"]);
        let tuple = |x: i64, y: i64| Value::tuple(vec![Value::Int(x), Value::Int(y)]);
        let frozen = PySet::from_values([tuple(1, 2), tuple(3, 4), tuple(0, 0), tuple(-1, 5), tuple(2, 1)])
            .unwrap_or_default();
        let literal = PySet::new();
        assert!(literal.update_from_set(&frozen).is_ok());
        assert_eq!(ints(&literal), exp["tuples"]);
    }

    #[test]
    fn frozenset_hash_matches_cpython() {
        let exp = expected();
        let tuple12 = Value::tuple(vec![Value::Int(1), Value::Int(2)]);
        let hashes = [
            build(&[1, 2, 3]).frozen_hash(),
            PySet::new().frozen_hash(),
            PySet::from_values([tuple12, Value::Int(-1)]).unwrap_or_default().frozen_hash(),
        ];
        let got: Vec<String> = hashes.iter().map(|h| h.to_string()).collect();
        assert_eq!(got.join(" "), exp["fhash"]);
    }

    #[test]
    fn constant_set_displays_match_cpython() {
        // Recorded from CPython 3.11: `print({...})` of displays of constants.
        let cases: [(&[i64], &str); 8] = [
            (&[5, 3, 8, 1, 9, 2], "[1, 2, 3, 5, 8, 9]"),
            (&[64, 1, 33, 2, 128], "[64, 1, 2, 128, 33]"),
            (&[17, 9, 1, 25, 33], "[33, 1, 17, 9, 25]"),
            (&[-5, -1, 0, 1, 5], "[0, 1, 5, -5, -1]"),
            (&[7, 14, 3, 22, 11], "[3, 22, 7, 11, 14]"),
            (&[8, 16, 24, 32, 40, 48, 56, 64], "[32, 64, 8, 40, 16, 48, 24, 56]"),
            (&[1, 2, 10, 11], "[10, 1, 2, 11]"),
            (&[100, 200, 300, 400, 500], "[400, 100, 500, 200, 300]"),
        ];
        for (items, want) in cases {
            let constant = PySet::from_constant_literal(items.iter().map(|&i| Value::Int(i))).unwrap_or_default();
            let display = PySet::new();
            assert!(display.update_from_set(&constant).is_ok());
            assert_eq!(ints(&display), want, "display of {items:?}");
        }
        // A non-constant display adds its items one by one: {1, 2, x, 11} with x = 10.
        assert_eq!(ints(&build(&[1, 2, 10, 11])), "[11, 1, 2, 10]");
    }

    #[test]
    fn equal_numbers_are_one_key() {
        let s = PySet::new();
        assert!(s.add(Value::Int(1)).unwrap_or(false));
        assert!(!s.add(Value::bool(true)).unwrap_or(true));
        assert!(!s.add(Value::float(1.0)).unwrap_or(true));
        assert_eq!(s.len(), 1);
        assert!(s.add(Value::list(vec![])).is_err());
    }
}
