//! The cycle collector: finds groups of heap objects that only reference each other (so their
//! `Rc` counts never reach zero) and breaks them by clearing their contents.
//!
//! Container objects register themselves when created (`track`): the per-thread collector
//! keeps a `Weak` handle to each, in a young generation (tracked since the last collection)
//! and an old one (survivors). No hashing on that path: a push onto a vector, and a length
//! check that starts a collection every `threshold0` tracked allocations.
//!
//! A collection (trial deletion, as CPython does it):
//! 1. upgrades every live handle of the generations collected (dead ones are dropped, which
//!    frees their memory) and indexes the nodes by address;
//! 2. starts each node's count at its `Rc::strong_count` (less the collector's own handle) and
//!    subtracts one for every reference from another node: what is left are references from
//!    outside the graph (the VM stack, locals, Rust temporaries, untracked objects, objects of
//!    the generation not collected);
//! 3. marks every node with references left, and everything reachable from them, as alive;
//! 4. clears the unmarked nodes (garbage cycles): their contents are taken out first and
//!    dropped after every node is cleared, outside any borrow.
//!
//! Untracked objects that a node references and that nobody else references (strong count 1,
//! e.g. an instance dict or a tuple built outside `Value::tuple`) count as part of that node,
//! so a cycle that runs through them is still found. References the collector cannot see
//! only ever make objects look alive.
//!
//! Every `threshold0` tracked allocations the young generation is checked: handles of objects
//! that died are dropped, and a young collection runs only if the live ones still number
//! `threshold0` (CPython's rule: objects that die young start no collection). A full
//! collection runs instead once `threshold1` young collections happened and the survivors
//! promoted since the last full collection exceed a quarter of the old generation, so programs
//! that build large live structures pay amortized linear time. `__del__` methods are not run.

pub(crate) mod trace;

use std::any::Any;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::objects::dict::PyDict;
use crate::objects::iter::PyIterator;
use crate::objects::set::PySet;
use crate::objects::types::PyType;
use crate::value::{PyCell, PyException, PyFunction, PyGenerator, PyList, PyMethod, PyObject, PyTuple, Value};

/// CPython's default thresholds (`gc.get_threshold()`).
pub const DEFAULT_THRESHOLDS: (i64, i64, i64) = (700, 10, 10);

/// How many tracked allocations may pile up while automatic collection is off before the
/// handles of dead objects are pruned (their memory is only freed then).
const PRUNE_INTERVAL: usize = 10_000;

/// A weak handle to a tracked object.
enum Tracked {
    List(Weak<PyList>),
    Tuple(Weak<PyTuple>),
    Dict(Weak<PyDict>),
    Set(Weak<PySet>),
    Function(Weak<PyFunction>),
    Cell(Weak<PyCell>),
    Method(Weak<PyMethod>),
    Exception(Weak<PyException>),
    Object(Weak<PyObject>),
    Generator(Weak<PyGenerator>),
    Type(Weak<PyType>),
    Iter(Weak<PyIterator>),
}

impl Tracked {
    /// A handle to `v` if it is of a kind the collector tracks.
    #[inline(always)]
    fn of(v: &Value) -> Option<Tracked> {
        Some(match v {
            Value::List(r) => Tracked::List(Rc::downgrade(r)),
            Value::Tuple(r) => {
                if !r.items.iter().any(trace::may_hold_references) {
                    return None;
                }
                Tracked::Tuple(Rc::downgrade(r))
            }
            Value::Dict(r) => Tracked::Dict(Rc::downgrade(r)),
            Value::Set(r) => Tracked::Set(Rc::downgrade(r)),
            Value::Function(r) => Tracked::Function(Rc::downgrade(r)),
            Value::Cell(r) => Tracked::Cell(Rc::downgrade(r)),
            Value::Method(r) => Tracked::Method(Rc::downgrade(r)),
            Value::Exception(r) => Tracked::Exception(Rc::downgrade(r)),
            Value::Object(r) => Tracked::Object(Rc::downgrade(r)),
            Value::Generator(r) => Tracked::Generator(Rc::downgrade(r)),
            Value::Type(r) => Tracked::Type(Rc::downgrade(r)),
            Value::Iter(r) => {
                match r.state.try_borrow() {
                    Ok(state) if trace::iterator_holds_references(&state) => {}
                    _ => return None,
                }
                Tracked::Iter(Rc::downgrade(r))
            }
            _ => return None,
        })
    }

    fn upgrade(&self) -> Option<Value> {
        Some(match self {
            Tracked::List(w) => Value::List(w.upgrade()?),
            Tracked::Tuple(w) => Value::Tuple(w.upgrade()?),
            Tracked::Dict(w) => Value::Dict(w.upgrade()?),
            Tracked::Set(w) => Value::Set(w.upgrade()?),
            Tracked::Function(w) => Value::Function(w.upgrade()?),
            Tracked::Cell(w) => Value::Cell(w.upgrade()?),
            Tracked::Method(w) => Value::Method(w.upgrade()?),
            Tracked::Exception(w) => Value::Exception(w.upgrade()?),
            Tracked::Object(w) => Value::Object(w.upgrade()?),
            Tracked::Generator(w) => Value::Generator(w.upgrade()?),
            Tracked::Type(w) => Value::Type(w.upgrade()?),
            Tracked::Iter(w) => Value::Iter(w.upgrade()?),
        })
    }

    fn is_alive(&self) -> bool {
        match self {
            Tracked::List(w) => w.strong_count() > 0,
            Tracked::Tuple(w) => w.strong_count() > 0,
            Tracked::Dict(w) => w.strong_count() > 0,
            Tracked::Set(w) => w.strong_count() > 0,
            Tracked::Function(w) => w.strong_count() > 0,
            Tracked::Cell(w) => w.strong_count() > 0,
            Tracked::Method(w) => w.strong_count() > 0,
            Tracked::Exception(w) => w.strong_count() > 0,
            Tracked::Object(w) => w.strong_count() > 0,
            Tracked::Generator(w) => w.strong_count() > 0,
            Tracked::Type(w) => w.strong_count() > 0,
            Tracked::Iter(w) => w.strong_count() > 0,
        }
    }
}

/// The per-thread collector state.
struct Collector {
    young: Vec<Tracked>,
    old: Vec<Tracked>,
    /// Automatic collection (`gc.enable()` / `gc.disable()`).
    enabled: bool,
    /// A collection is running (no nested collection starts).
    collecting: bool,
    /// As set by `gc.set_threshold`; a first threshold <= 0 turns automatic collection off.
    thresholds: (i64, i64, i64),
    /// Young collections since the last full one.
    young_collections: usize,
    /// Objects promoted to the old generation since the last full collection.
    promoted: usize,
    /// Size of the old generation after the last full collection (or prune).
    old_after_full: usize,
    stats: Stats,
    /// The node index, kept empty between collections (taken out during one).
    index: AddrIndex,
    /// Young objects found alive when the young generation was last checked without being
    /// collected (`automatic_collection`); 0 after a collection. The next check comes
    /// `young_limit()` registrations later.
    young_live: usize,
}

/// Collections run and objects collected, per kind of collection.
#[derive(Clone, Copy, Default, Debug)]
pub struct GenerationStats {
    pub collections: usize,
    pub collected: usize,
}

/// `gc.get_stats()`'s numbers.
#[derive(Clone, Copy, Default, Debug)]
pub struct Stats {
    pub young: GenerationStats,
    pub full: GenerationStats,
}

impl Collector {
    const fn new() -> Collector {
        Collector {
            young: Vec::new(),
            old: Vec::new(),
            enabled: true,
            collecting: false,
            thresholds: DEFAULT_THRESHOLDS,
            young_collections: 0,
            promoted: 0,
            old_after_full: 0,
            index: AddrIndex::new(),
            young_live: 0,
            stats: Stats {
                young: GenerationStats { collections: 0, collected: 0 },
                full: GenerationStats { collections: 0, collected: 0 },
            },
        }
    }

    /// Registrations between two checks of the young generation (a collection, or a
    /// prune).
    fn young_limit(&self) -> usize {
        if self.enabled && self.thresholds.0 > 0 {
            self.thresholds.0 as usize
        } else {
            PRUNE_INTERVAL
        }
    }
}

thread_local! {
    static COLLECTOR: RefCell<Collector> = const { RefCell::new(Collector::new()) };
}

/// Register `v` with the cycle collector if it is a container that can take part in a
/// reference cycle (lists, dicts, sets, tuples holding containers, functions, cells, bound
/// methods, exceptions, instances, classes, generators, iterators over containers). Call it
/// once, right after creating the object. May run a collection.
///
/// Inlined, so that where the caller's value is of a known kind (nearly everywhere:
/// `gc::tracked(Value::List(..))`) the kind test is resolved at compile time instead of an
/// indirect jump on the value's tag, which a shared out-of-line copy mostly mispredicted.
#[inline(always)]
pub fn track(v: &Value) {
    if let Some(handle) = Tracked::of(v) {
        register(handle);
    }
}

/// `track(&v)`, then `v`: for wrapping a constructor expression.
#[inline(always)]
pub fn tracked(v: Value) -> Value {
    track(&v);
    v
}

#[inline(never)]
fn register(handle: Tracked) {
    let due = COLLECTOR.with(|c| match c.try_borrow_mut() {
        Ok(mut c) => {
            c.young.push(handle);
            c.young.len() >= c.young_live + c.young_limit() && !c.collecting
        }
        // Only while the collector itself is busy: the object stays untracked.
        Err(_) => false,
    });
    if due {
        automatic_collection();
    }
}

#[cold]
#[inline(never)]
fn automatic_collection() {
    let (enabled, full) = COLLECTOR.with(|c| {
        let c = c.borrow();
        let full = c.young_collections as i64 >= c.thresholds.1 && c.promoted > c.old_after_full / 4;
        (c.enabled && c.thresholds.0 > 0, full)
    });
    if !enabled {
        prune();
    } else if young_alive_reaches_threshold() {
        collect(if full { Generation::Full } else { Generation::Young });
    }
}

/// Drop the young generation's handles of objects that died (freeing their memory) and say
/// whether the live ones reach `threshold0`. As in CPython, whose count of young objects
/// goes down when one is freed, objects that die young start no collection: a loop that
/// makes short-lived lists, dicts or instances is not traced over and over. Otherwise the
/// live ones are counted again `threshold0` registrations later (`young_live`).
fn young_alive_reaches_threshold() -> bool {
    COLLECTOR.with(|c| {
        let mut c = c.borrow_mut();
        c.young.retain(Tracked::is_alive);
        let live = c.young.len();
        if live as i64 >= c.thresholds.0 {
            true
        } else {
            c.young_live = live;
            false
        }
    })
}

/// Which objects a collection looks at.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Generation {
    /// Objects tracked since the last collection; references from older objects count as
    /// external.
    Young,
    /// Every tracked object.
    Full,
}

/// Run a collection now; returns how many unreachable objects it found (and freed).
pub fn collect(generation: Generation) -> usize {
    let Some((entries, index)) = COLLECTOR.with(|c| {
        let mut c = c.borrow_mut();
        if c.collecting {
            return None;
        }
        c.collecting = true;
        let mut entries = std::mem::take(&mut c.young);
        if generation == Generation::Full {
            let mut old = std::mem::take(&mut c.old);
            old.append(&mut entries);
            entries = old;
        }
        Some((entries, std::mem::replace(&mut c.index, AddrIndex::new())))
    }) else {
        return 0;
    };
    let (survivors, garbage, index) = collect_entries(entries, index);
    COLLECTOR.with(|c| {
        let mut c = c.borrow_mut();
        c.collecting = false;
        c.index = index;
        c.young_live = c.young.len();
        let promoted = survivors.len();
        c.old.extend(survivors);
        match generation {
            Generation::Young => {
                c.young_collections += 1;
                c.promoted += promoted;
                c.stats.young.collections += 1;
                c.stats.young.collected += garbage;
            }
            Generation::Full => {
                c.stats.full.collections += 1;
                c.stats.full.collected += garbage;
                c.young_collections = 0;
                c.promoted = 0;
                c.old_after_full = c.old.len();
            }
        }
    });
    garbage
}

/// With automatic collection off: drop the handles of dead objects (freeing their memory),
/// moving the young generation's live ones to the old generation.
fn prune() {
    COLLECTOR.with(|c| {
        let mut c = c.borrow_mut();
        let mut young = std::mem::take(&mut c.young);
        young.retain(Tracked::is_alive);
        c.promoted += young.len();
        c.old.append(&mut young);
        c.young_live = 0;
        if c.old.len() > 2 * c.old_after_full + PRUNE_INTERVAL {
            c.old.retain(Tracked::is_alive);
            c.old_after_full = c.old.len();
        }
    });
}

/// The largest node index table kept from one collection to the next (16 KiB).
const KEPT_INDEX_SLOTS: usize = 1 << 12;

/// The node index of a collection: object address -> node number, an open-addressing table
/// with linear probing. Built once per collection and only read while tracing, where every
/// reference an object holds is looked up, so both operations are a few instructions: a
/// multiplicative hash of the address picks the first slot, and the table is kept at most
/// half full. Slots hold node numbers (4 bytes); the addresses are in a dense vector beside
/// them. The collector keeps one index for all its collections: `clear` empties just the
/// slots a collection filled, so a young collection does not allocate and zero a table.
struct AddrIndex {
    /// Node number + 1 per slot (a collection never holds 2^32 objects); 0 marks an empty
    /// slot. Empty, or a power of two long.
    slots: Vec<u32>,
    /// The address of each node, in node order.
    addresses: Vec<usize>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the slot.
    shift: u32,
}

impl AddrIndex {
    /// An index without a table (any shift below 64 will do: `get` finds no slot).
    const fn new() -> AddrIndex {
        AddrIndex { slots: Vec::new(), addresses: Vec::new(), shift: 63 }
    }

    /// Make room for `count` addresses in this empty index: a new table if the one it has is
    /// too small.
    fn prepare(&mut self, count: usize) {
        debug_assert!(self.addresses.is_empty());
        let len = (count * 2).next_power_of_two().max(16);
        if self.slots.len() < len {
            self.slots = vec![0; len];
            self.shift = 64 - len.trailing_zeros();
        }
        self.addresses.reserve(count);
    }

    /// Empty every slot `insert` filled. A filled slot lies in the run of filled slots that
    /// starts at or after its address's first slot, so zeroing each address's run from its
    /// first slot reaches all of them, and each slot once. The table of a large collection
    /// (a full one over a big heap) is freed instead: young collections need a small one, and
    /// keeping it would add to the program's peak memory.
    fn clear(&mut self) {
        if self.slots.len() > KEPT_INDEX_SLOTS {
            *self = AddrIndex::new();
            return;
        }
        let mask = self.slots.len().wrapping_sub(1);
        for i in 0..self.addresses.len() {
            let mut slot = self.first_slot(self.addresses[i]);
            while self.slots[slot] != 0 {
                self.slots[slot] = 0;
                slot = (slot + 1) & mask;
            }
        }
        self.addresses.clear();
    }

    #[inline(always)]
    fn first_slot(&self, addr: usize) -> usize {
        // Objects are at least 8-aligned: the low bits carry nothing.
        (((addr >> 3) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Give `addr` the next node number unless it has one; returns whether it was added. At
    /// most `count` (of `prepare`) addresses are ever inserted, so an empty slot exists.
    fn insert(&mut self, addr: usize) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = self.first_slot(addr);
        loop {
            match self.slots[i] {
                0 => {
                    self.addresses.push(addr);
                    self.slots[i] = self.addresses.len() as u32;
                    return true;
                }
                n if self.addresses[n as usize - 1] == addr => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The node number of `addr`, if it has one.
    #[inline]
    fn get(&self, addr: usize) -> Option<usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.first_slot(addr);
        loop {
            match *self.slots.get(i)? {
                0 => return None,
                n if self.addresses[n as usize - 1] == addr => return Some(n as usize - 1),
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// The objects of one collection, indexed by address.
pub(crate) struct Graph {
    nodes: Vec<Value>,
    index: AddrIndex,
}

impl Graph {
    /// The node at `addr`, if that object is part of this collection.
    #[inline]
    pub(crate) fn node_of(&self, addr: usize) -> Option<usize> {
        self.index.get(addr)
    }
}

/// Collect the objects behind `handles`: (handles of the survivors, number of garbage).
/// `index` is the collector's (empty) node index, handed back empty.
fn collect_entries(mut handles: Vec<Tracked>, mut index: AddrIndex) -> (Vec<Tracked>, usize, AddrIndex) {
    index.prepare(handles.len());
    let mut graph = Graph { nodes: Vec::with_capacity(handles.len()), index };
    // The handles kept are the nodes', in node order, and become the survivors' (in place: no
    // second vector of handles during a collection); handles of dead objects, and a second
    // handle to one object, are dropped, freeing what is left of them.
    handles.retain(|handle| {
        let Some(v) = handle.upgrade() else { return false };
        match v.heap_ptr() {
            Some(addr) if graph.index.insert(addr) => {
                graph.nodes.push(v);
                true
            }
            _ => false,
        }
    });

    // References not explained by other nodes (the collector's own handle excluded).
    let mut external: Vec<isize> =
        graph.nodes.iter().map(|v| trace::strong_count(v) as isize - 1).collect();
    let mut tracer = trace::Tracer::new(&graph);
    for v in &graph.nodes {
        tracer.trace_node(v, &mut |i| external[i] -= 1);
    }

    // Everything reachable from a node with external references is alive.
    let mut alive = vec![false; graph.nodes.len()];
    let mut pending: Vec<usize> = Vec::new();
    for (i, &refs) in external.iter().enumerate() {
        if refs != 0 {
            alive[i] = true;
            pending.push(i);
        }
    }
    while let Some(i) = pending.pop() {
        tracer.trace_node(&graph.nodes[i], &mut |j| {
            if !alive[j] {
                alive[j] = true;
                pending.push(j);
            }
        });
    }
    drop(tracer);

    let mut trash: Vec<Box<dyn Any>> = Vec::new();
    let mut garbage = 0;
    for (v, &is_alive) in graph.nodes.iter().zip(alive.iter()) {
        if !is_alive {
            garbage += 1;
            trace::clear(v, &graph, &mut trash);
        }
    }
    let mut node = 0;
    handles.retain(|_| {
        node += 1;
        alive[node - 1]
    });
    // Contents first (they may be the last references to other garbage), then the nodes.
    drop(trash);
    let Graph { nodes, mut index } = graph;
    drop(nodes);
    index.clear();
    (handles, garbage, index)
}

/// `gc.isenabled()`.
pub fn is_enabled() -> bool {
    COLLECTOR.with(|c| c.borrow().enabled)
}

/// `gc.enable()` / `gc.disable()`.
pub fn set_enabled(enabled: bool) {
    COLLECTOR.with(|c| c.borrow_mut().enabled = enabled);
}

/// `gc.get_threshold()`.
pub fn thresholds() -> (i64, i64, i64) {
    COLLECTOR.with(|c| c.borrow().thresholds)
}

/// `gc.set_threshold()`: a first threshold of 0 turns automatic collection off.
pub fn set_thresholds(thresholds: (i64, i64, i64)) {
    COLLECTOR.with(|c| c.borrow_mut().thresholds = thresholds);
}

/// `gc.get_count()`: (tracked since the last collection, young collections since the last
/// full one, 0).
pub fn counts() -> (usize, usize, usize) {
    COLLECTOR.with(|c| {
        let c = c.borrow();
        (c.young.len(), c.young_collections, 0)
    })
}

/// How many objects the collector currently holds handles to (live or not yet pruned).
pub fn tracked_count() -> usize {
    COLLECTOR.with(|c| {
        let c = c.borrow();
        c.young.len() + c.old.len()
    })
}

/// `gc.get_stats()`'s numbers.
pub fn stats() -> Stats {
    COLLECTOR.with(|c| c.borrow().stats)
}

/// Whether CPython would report a fresh `v` as tracked (`gc.is_tracked`): containers yes,
/// atomic values no, tuples and dicts only when they hold containers.
pub fn looks_tracked(v: &Value) -> bool {
    match v {
        Value::Tuple(t) => t.items.iter().any(trace::may_hold_references),
        Value::Dict(d) => d.items().iter().any(|(k, v)| trace::may_hold_references(k) || trace::may_hold_references(v)),
        Value::Type(t) => t.builtin_id().is_none(),
        Value::Native(_) | Value::Module(_) | Value::Slice(_) => true,
        other => trace::may_hold_references(other),
    }
}

/// True if `v` is tracked (handles of both generations are searched: for tests and
/// `gc.is_tracked`).
pub fn is_tracked(v: &Value) -> bool {
    let Some(addr) = v.heap_ptr() else { return false };
    COLLECTOR.with(|c| {
        let c = c.borrow();
        c.young.iter().chain(c.old.iter()).any(|h| h.upgrade().and_then(|u| u.heap_ptr()) == Some(addr))
    })
}

#[cfg(test)]
mod tests;
