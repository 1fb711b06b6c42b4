//! Unit tests of the cycle collector. Each test runs on its own thread, so each has its own
//! collector.

use std::rc::{Rc, Weak};

use super::*;
use crate::value::{PyCell, PyList, PyTuple};

fn list_of(v: &Value) -> &Rc<PyList> {
    match v {
        Value::List(l) => l,
        _ => panic!("not a list"),
    }
}

fn weak_list(v: &Value) -> Weak<PyList> {
    Rc::downgrade(list_of(v))
}

fn push(list: &Value, item: Value) {
    list_of(list).items.borrow_mut().push(item);
}

/// `a = []; b = [a]; a.append(b)`, returning `a`.
fn two_list_cycle() -> Value {
    let a = Value::list(Vec::new());
    let b = Value::list(vec![a.clone()]);
    push(&a, b);
    a
}

#[test]
fn self_referencing_list_is_collected() {
    let a = Value::list(vec![Value::Int(1)]);
    push(&a, a.clone());
    let weak = weak_list(&a);
    drop(a);
    assert!(weak.upgrade().is_some(), "the cycle keeps itself alive without the collector");
    assert_eq!(collect(Generation::Full), 1);
    assert!(weak.upgrade().is_none());
}

#[test]
fn two_list_cycle_is_collected() {
    let a = two_list_cycle();
    let weak = weak_list(&a);
    drop(a);
    assert_eq!(collect(Generation::Young), 2);
    assert!(weak.upgrade().is_none());
}

#[test]
fn reachable_cycle_is_kept_intact() {
    let a = two_list_cycle();
    for _ in 0..3 {
        assert_eq!(collect(Generation::Full), 0);
    }
    let items = list_of(&a).items.borrow().clone();
    assert_eq!(items.len(), 1);
    let b_items = list_of(&items[0]).items.borrow().clone();
    assert!(b_items[0].is(&a));
}

#[test]
fn object_referenced_only_from_rust_survives() {
    // Like a value on the VM stack: the only reference is outside every tracked object.
    let stack = vec![Value::list(vec![Value::Int(7)])];
    let inner = Value::list(vec![stack[0].clone()]);
    push(&stack[0], inner);
    assert_eq!(collect(Generation::Full), 0);
    let items = list_of(&stack[0]).items.borrow().clone();
    assert_eq!(items.len(), 2);
    assert!(matches!(items[0], Value::Int(7)));
}

#[test]
fn dict_cycle_is_collected() {
    let d = Value::dict(PyDict::new());
    let Value::Dict(inner) = &d else { panic!("not a dict") };
    inner.set(Value::str("me"), d.clone()).unwrap_or_default();
    let weak = Rc::downgrade(inner);
    drop(d);
    assert_eq!(collect(Generation::Full), 1);
    assert!(weak.upgrade().is_none());
}

#[test]
fn cycle_through_tracked_tuple_is_collected() {
    let a = Value::list(Vec::new());
    let t = Value::tuple(vec![a.clone(), Value::Int(1)]);
    assert!(is_tracked(&t), "a tuple holding a list is tracked");
    push(&a, t);
    let weak = weak_list(&a);
    drop(a);
    assert_eq!(collect(Generation::Full), 2);
    assert!(weak.upgrade().is_none());
}

#[test]
fn tuple_of_atoms_is_not_tracked() {
    let t = Value::tuple(vec![Value::Int(1), Value::str("x")]);
    assert!(!is_tracked(&t));
    let l = Value::list(Vec::new());
    assert!(is_tracked(&l));
}

#[test]
fn cycle_through_untracked_tuple_is_collected() {
    // A tuple built outside `Value::tuple` is not tracked; owned by one list only, it counts
    // as part of that list.
    let a = Value::list(Vec::new());
    let t = Value::Tuple(Rc::new(PyTuple { items: vec![a.clone()].into_boxed_slice() }));
    assert!(!is_tracked(&t));
    push(&a, t);
    let weak = weak_list(&a);
    drop(a);
    assert_eq!(collect(Generation::Full), 1);
    assert!(weak.upgrade().is_none());
}

#[test]
fn untracked_tuple_referenced_from_outside_keeps_its_cycle() {
    let a = Value::list(Vec::new());
    let t = Value::Tuple(Rc::new(PyTuple { items: vec![a.clone()].into_boxed_slice() }));
    push(&a, t.clone());
    let weak = weak_list(&a);
    drop(a);
    // `t` is still held here: the list is reachable through it.
    assert_eq!(collect(Generation::Full), 0);
    assert!(weak.upgrade().is_some());
    drop(t);
    assert_eq!(collect(Generation::Full), 1);
    assert!(weak.upgrade().is_none());
}

#[test]
fn garbage_cycle_does_not_harm_live_objects_it_references() {
    let live = Value::list(vec![Value::Int(42)]);
    let a = two_list_cycle();
    push(&a, live.clone());
    drop(a);
    assert_eq!(collect(Generation::Full), 2);
    let items = list_of(&live).items.borrow().clone();
    assert_eq!(items.len(), 1);
    assert!(matches!(items[0], Value::Int(42)));
}

#[test]
fn young_object_referenced_from_old_generation_survives_young_collection() {
    let old = Value::list(Vec::new());
    assert_eq!(collect(Generation::Young), 0); // `old` is promoted
    let young = two_list_cycle();
    push(&old, young.clone());
    let weak = weak_list(&young);
    drop(young);
    assert_eq!(collect(Generation::Young), 0);
    assert!(weak.upgrade().is_some());
    // Once the old list lets go, the cycle is garbage (found by a full collection).
    list_of(&old).items.borrow_mut().clear();
    assert_eq!(collect(Generation::Full), 2);
    assert!(weak.upgrade().is_none());
}

#[test]
fn cycle_through_cell_is_collected() {
    let cell = Rc::new(PyCell { value: std::cell::RefCell::new(Value::Null) });
    let cell_value = tracked(Value::Cell(cell.clone()));
    let l = Value::list(vec![cell_value]);
    *cell.value.borrow_mut() = l;
    let weak = Rc::downgrade(&cell);
    drop(cell);
    assert_eq!(collect(Generation::Full), 2);
    assert!(weak.upgrade().is_none());
}

#[test]
fn borrowed_container_is_left_alone() {
    let a = two_list_cycle();
    let weak = weak_list(&a);
    let list = list_of(&a).clone();
    drop(a);
    {
        let _guard = list.items.borrow_mut();
        // The list cannot be read while borrowed: its edges are not seen, so nothing it
        // references looks like garbage, and nothing is cleared or panics.
        let found = collect(Generation::Full);
        assert_eq!(found, 0);
    }
    drop(list);
    assert_eq!(collect(Generation::Full), 2);
    assert!(weak.upgrade().is_none());
}

#[test]
fn automatic_collection_keeps_cycle_garbage_bounded() {
    let keep = Value::list(Vec::new());
    for i in 0..20_000 {
        let a = two_list_cycle();
        if i % 1000 == 0 {
            push(&keep, a);
        }
    }
    assert!(tracked_count() < 5_000, "tracked: {}", tracked_count());
    assert_eq!(list_of(&keep).items.borrow().len(), 20);
    // Cycles that were live at a young collection were promoted; a full one finds them.
    collect(Generation::Full);
    assert_eq!(collect(Generation::Full), 0);
    for v in list_of(&keep).items.borrow().iter() {
        assert_eq!(list_of(v).items.borrow().len(), 1);
    }
}

#[test]
fn disabled_collector_prunes_dead_handles() {
    set_enabled(false);
    for _ in 0..50_000 {
        let _short_lived = Value::list(Vec::new());
    }
    assert!(tracked_count() <= 2 * PRUNE_INTERVAL, "tracked: {}", tracked_count());
    let a = two_list_cycle();
    drop(a);
    assert_eq!(collect(Generation::Full), 2);
    set_enabled(true);
}

#[test]
fn duplicate_registration_is_harmless() {
    let a = Value::list(Vec::new());
    push(&a, a.clone());
    track(&a);
    let weak = weak_list(&a);
    drop(a);
    assert_eq!(collect(Generation::Full), 1);
    assert!(weak.upgrade().is_none());
}

#[test]
fn survivors_keep_their_handles_for_later_collections() {
    // Kept cycles survive a young collection into the old generation (their handles moved
    // there); once let go, a full collection still finds every one of them.
    let kept: Vec<Value> = (0..50).map(|_| two_list_cycle()).collect();
    let weak_kept: Vec<Weak<PyList>> = kept.iter().map(weak_list).collect();
    for _ in 0..50 {
        drop(two_list_cycle());
    }
    assert_eq!(collect(Generation::Young), 100);
    assert_eq!(tracked_count(), 100);
    drop(kept);
    assert_eq!(collect(Generation::Full), 100);
    assert!(weak_kept.iter().all(|w| w.upgrade().is_none()));
}

#[test]
fn repeated_references_to_one_object_are_each_counted() {
    // Many consecutive references to one object (the tracer remembers its last lookup): a
    // list holding the same garbage list many times, then a different one, then the first.
    let shared = Value::list(Vec::new());
    let other = Value::list(Vec::new());
    let holder = Value::list(Vec::new());
    for _ in 0..10 {
        push(&holder, shared.clone());
    }
    push(&holder, other.clone());
    push(&holder, shared.clone());
    push(&shared, holder.clone());
    push(&other, holder.clone());
    let weak = [weak_list(&shared), weak_list(&other), weak_list(&holder)];
    drop((shared, other, holder));
    assert_eq!(collect(Generation::Full), 3);
    assert!(weak.iter().all(|w| w.upgrade().is_none()));
}

#[test]
fn address_index_finds_every_address_it_holds_and_clears_for_reuse() {
    // Clustered addresses (objects allocated side by side) and addresses whose hashes
    // collide, so probing runs and wraps around the table's end.
    let mut addresses: Vec<usize> = (1..=300).map(|i| 0x7f00_0000_0000 + i * 16).collect();
    addresses.extend((1..=100).map(|i| i << 40));
    let mut index = AddrIndex::new();
    assert_eq!(index.get(0x1000), None, "an index without a table finds nothing");
    for round in 0..3 {
        // Later rounds reuse the cleared table, and the last one needs a larger table.
        let batch = if round == 2 { &addresses[..] } else { &addresses[round * 100..round * 100 + 150] };
        index.prepare(batch.len());
        for &addr in batch {
            assert!(index.insert(addr));
        }
        assert!(!index.insert(batch[7]), "an address already present is not added again");
        for (node, &addr) in batch.iter().enumerate() {
            assert_eq!(index.get(addr), Some(node));
        }
        assert_eq!(index.get(0x7f00_0000_0000 + 301 * 16), None);
        assert_eq!(index.get(8), None);
        index.clear();
        assert!(index.slots.iter().all(|&s| s == 0), "clear empties every filled slot");
        assert!(batch.iter().all(|&a| index.get(a).is_none()));
    }
    // A large collection's table is freed, not kept.
    index.prepare(10_000);
    for i in 1..=10_000 {
        assert!(index.insert(i * 64));
    }
    assert_eq!(index.get(64 * 5_000), Some(4_999));
    index.clear();
    assert!(index.slots.is_empty() && index.addresses.capacity() == 0);
    assert_eq!(index.get(64), None);
}

#[test]
fn objects_that_die_young_start_no_collection() {
    // As in CPython, whose young count goes down when a tracked object is freed.
    for _ in 0..20_000 {
        drop(Value::list(Vec::new()));
    }
    assert_eq!(stats().young.collections + stats().full.collections, 0);
    assert!(tracked_count() <= 2 * DEFAULT_THRESHOLDS.0 as usize, "dead handles are dropped: {}", tracked_count());
}

#[test]
fn live_young_objects_still_start_collections() {
    let kept: Vec<Value> = (0..5_000).map(|_| Value::list(Vec::new())).collect();
    let young = stats().young.collections;
    assert!(young >= 5, "young collections: {young}");
    // Interleaved with short-lived ones, the live ones still reach the threshold.
    let mut more = Vec::new();
    for i in 0..20_000 {
        let v = Value::list(Vec::new());
        if i % 4 == 0 {
            more.push(v);
        }
    }
    assert!(stats().young.collections >= young + 5, "young collections: {}", stats().young.collections);
    assert_eq!(kept.len() + more.len(), 10_000);
}
