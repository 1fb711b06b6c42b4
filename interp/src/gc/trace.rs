//! What the cycle collector sees of each object kind: `trace` lists the references an object
//! holds, `clear` takes them out of an unreachable object so its cycle falls apart.
//!
//! Both only read or take; neither runs Python code. Every `RefCell` is accessed with
//! `try_borrow`/`try_borrow_mut`: a collection can start inside any allocation, so a borrow
//! may be active. A reference that cannot be read is simply not reported, which only makes
//! its target look externally referenced (never the reverse), and both passes of a collection
//! see the same borrows because no code runs between them.

use crate::objects::instance_attrs::InstanceAttrs;
use std::any::Any;
use std::rc::Rc;

use crate::gc::Graph;
use crate::objects::iter::IterKind;
use crate::value::Value;

/// Report the edges of one object and of the untracked objects it owns exclusively.
pub(crate) struct Tracer<'g> {
    graph: &'g Graph,
    /// Untracked objects owned by the object being traced (strong count 1), still to trace:
    /// they are part of their owner as far as the graph is concerned.
    owned: Vec<Value>,
    /// The last address looked up in the graph and its node: consecutive lookups are mostly
    /// of one address (the class of every instance of a batch).
    last_lookup: (usize, Option<usize>),
}

impl<'g> Tracer<'g> {
    pub(crate) fn new(graph: &'g Graph) -> Tracer<'g> {
        Tracer { graph, owned: Vec::new(), last_lookup: (0, None) }
    }

    /// `graph.node_of(addr)`, remembering the last answer (the graph does not change while
    /// a tracer lives). Address 0 is never an object's, so the initial memo never matches.
    #[inline]
    fn node_of(&mut self, addr: usize) -> Option<usize> {
        if self.last_lookup.0 != addr {
            self.last_lookup = (addr, self.graph.node_of(addr));
        }
        self.last_lookup.1
    }

    /// Call `edge(i)` for every reference from `object` (a node) to node `i`, looking
    /// through the untracked objects `object` owns alone.
    pub(crate) fn trace_node(&mut self, object: &Value, edge: &mut dyn FnMut(usize)) {
        trace(object, self, edge);
        while let Some(owned) = self.owned.pop() {
            trace(&owned, self, edge);
        }
    }

    /// One reference held by the object being traced. Values that cannot reference
    /// anything (numbers, strings, None: most attributes) are skipped inline.
    #[inline(always)]
    fn value(&mut self, v: &Value, edge: &mut dyn FnMut(usize)) {
        if let Some(addr) = traceable_addr(v) {
            self.reference(addr, v, edge);
        }
    }

    /// A reference to the traceable object `v` at `addr`.
    #[inline(never)]
    fn reference(&mut self, addr: usize, v: &Value, edge: &mut dyn FnMut(usize)) {
        if let Some(i) = self.node_of(addr) {
            edge(i);
        } else if strong_count(v) == 1 {
            // Nobody else holds it: whatever it references is referenced by the owner.
            self.owned.push(v.clone());
        }
    }

    /// A reference held as an `Rc` field rather than a `Value`.
    fn rc<T>(&mut self, r: &Rc<T>, wrap: fn(Rc<T>) -> Value, edge: &mut dyn FnMut(usize)) {
        let addr = Rc::as_ptr(r) as *const u8 as usize;
        if let Some(i) = self.node_of(addr) {
            edge(i);
        } else if Rc::strong_count(r) == 1 {
            self.owned.push(wrap(r.clone()));
        }
    }
}

/// The address of a value of a kind the collector can look into (the kinds that can hold
/// references to other objects).
#[inline]
pub(crate) fn traceable_addr(v: &Value) -> Option<usize> {
    match v {
        Value::List(_)
        | Value::Tuple(_)
        | Value::Dict(_)
        | Value::Set(_)
        | Value::FrozenSet(_)
        | Value::Function(_)
        | Value::Cell(_)
        | Value::Method(_)
        | Value::Exception(_)
        | Value::Object(_)
        | Value::Generator(_)
        | Value::Type(_)
        | Value::Iter(_)
        | Value::DictView(_) => v.heap_ptr(),
        _ => None,
    }
}

/// `Rc::strong_count` of a heap value (`usize::MAX` for unboxed values).
pub(crate) fn strong_count(v: &Value) -> usize {
    match v {
        Value::BigInt(r) => Rc::strong_count(r),
        Value::Str(r) => Rc::strong_count(r),
        Value::List(r) => Rc::strong_count(r),
        Value::Tuple(r) => Rc::strong_count(r),
        Value::Dict(r) => Rc::strong_count(r),
        Value::Set(r) | Value::FrozenSet(r) => Rc::strong_count(r),
        Value::Range(r) => Rc::strong_count(r),
        Value::Slice(r) => Rc::strong_count(r),
        Value::Function(r) => Rc::strong_count(r),
        Value::Native(r) => Rc::strong_count(r),
        Value::Method(r) => Rc::strong_count(r),
        Value::Type(r) => Rc::strong_count(r),
        Value::Module(r) => Rc::strong_count(r),
        Value::Iter(r) => Rc::strong_count(r),
        Value::DictView(r) => Rc::strong_count(r),
        Value::Cell(r) => Rc::strong_count(r),
        Value::Code(r) => Rc::strong_count(r),
        Value::Exception(r) => Rc::strong_count(r),
        Value::Object(r) => Rc::strong_count(r),
        Value::Generator(r) => Rc::strong_count(r),
        Value::Bytes(r) => Rc::strong_count(r),
        Value::ByteArray(r) => Rc::strong_count(r),
        _ => usize::MAX,
    }
}

/// True if `v` may (directly or not) reference a container: a tuple holding only such values
/// can never be part of a cycle, so it is not tracked.
pub(crate) fn may_hold_references(v: &Value) -> bool {
    traceable_addr(v).is_some()
}

/// Report every reference `object` holds.
fn trace(object: &Value, t: &mut Tracer<'_>, edge: &mut dyn FnMut(usize)) {
    match object {
        Value::List(l) => {
            if let Ok(items) = l.items.try_borrow() {
                for v in items.iter() {
                    t.value(v, edge);
                }
            }
        }
        Value::Tuple(tuple) => {
            for v in tuple.items.iter() {
                t.value(v, edge);
            }
        }
        Value::Dict(d) => {
            if let Ok(table) = d.table.try_borrow() {
                for e in table.entries.iter().flatten() {
                    t.value(&e.key, edge);
                    t.value(&e.value, edge);
                }
            }
        }
        Value::Set(s) | Value::FrozenSet(s) => {
            s.gc_visit_keys(&mut |v| t.value(v, edge));
        }
        Value::Function(f) => {
            t.rc(&f.globals, Value::Dict, edge);
            if let Some(d) = &f.defaults {
                t.rc(d, Value::Tuple, edge);
            }
            if let Some(d) = &f.kwdefaults {
                t.rc(d, Value::Dict, edge);
            }
            if let Some(c) = &f.closure {
                t.rc(c, Value::Tuple, edge);
            }
            if let Ok(d) = f.dict.try_borrow() {
                if let Some(d) = d.as_ref() {
                    t.rc(d, Value::Dict, edge);
                }
            }
        }
        Value::Cell(c) => {
            if let Ok(v) = c.value.try_borrow() {
                t.value(&v, edge);
            }
        }
        Value::Method(m) => {
            t.value(&m.func, edge);
            t.value(&m.self_value, edge);
        }
        Value::Exception(e) => {
            t.rc(&e.ty, Value::Type, edge);
            if let Ok(args) = e.args.try_borrow() {
                t.rc(&args, Value::Tuple, edge);
            }
            if let Ok(dict) = e.dict.try_borrow() {
                if let Some(d) = dict.as_ref() {
                    t.rc(d, Value::Dict, edge);
                }
            }
            if let Ok(c) = e.context.try_borrow() {
                if let Some(c) = c.as_ref() {
                    t.rc(c, Value::Exception, edge);
                }
            }
            if let Ok(c) = e.cause.try_borrow() {
                if let Some(c) = c.as_ref() {
                    t.rc(c, Value::Exception, edge);
                }
            }
        }
        Value::Object(o) => {
            if let Ok(class) = o.class.try_borrow() {
                t.rc(&class, Value::Type, edge);
            }
            if let Ok(attrs) = o.attrs.try_borrow() {
                match &*attrs {
                    InstanceAttrs::Inline(values) => {
                        for v in values.iter() {
                            t.value(v, edge);
                        }
                    }
                    InstanceAttrs::Dict(d) => t.rc(d, Value::Dict, edge),
                    InstanceAttrs::NoDict => {}
                }
            }
            if let Ok(slots) = o.slots.try_borrow() {
                for v in slots.iter() {
                    t.value(v, edge);
                }
            }
            t.value(&o.base_value, edge);
            if let Some(native) = &o.native {
                native.trace(&mut |v| t.value(v, edge));
            }
        }
        Value::Type(ty) => {
            // Builtin types are never tracked and always shared, so this only looks into
            // classes created at run time.
            t.rc(&ty.dict, Value::Dict, edge);
            for base in ty.bases.iter().chain(ty.mro_tail.iter()) {
                t.rc(base, Value::Type, edge);
            }
        }
        Value::Iter(it) => {
            if let Ok(state) = it.state.try_borrow() {
                trace_iterator(&state, t, edge);
            }
        }
        Value::DictView(view) => t.rc(&view.dict, Value::Dict, edge),
        Value::Generator(g) => {
            // A suspended generator's slots and evaluation stack live here; a running one's
            // are on the VM stack (outside references).
            if let Ok(values) = g.saved_stack.try_borrow() {
                for v in values.iter() {
                    t.value(v, edge);
                }
            }
            if let Ok(frame) = g.frame.try_borrow() {
                if let Some(frame) = frame.as_ref() {
                    t.rc(&frame.globals, Value::Dict, edge);
                    if let Some(locals) = &frame.locals {
                        t.rc(locals, Value::Dict, edge);
                    }
                }
            }
            for cell in [&g.handled, &g.resumer_handled] {
                if let Ok(v) = cell.try_borrow() {
                    t.value(&v, edge);
                }
            }
        }
        _ => {}
    }
}

fn trace_iterator(state: &IterKind, t: &mut Tracer<'_>, edge: &mut dyn FnMut(usize)) {
    match state {
        IterKind::List { list, .. } | IterKind::ListReversed { list, .. } => t.rc(list, Value::List, edge),
        IterKind::Tuple { tuple, .. } | IterKind::TupleReversed { tuple, .. } => t.rc(tuple, Value::Tuple, edge),
        IterKind::DictKeys { dict, .. } | IterKind::Dict { dict, .. } => t.rc(dict, Value::Dict, edge),
        IterKind::Set { set, .. } => t.rc(set, Value::Set, edge),
        // `last` holds no references (`iter::enumerate_pair`).
        IterKind::Enumerate { inner, count, .. } => {
            t.value(inner, edge);
            t.value(count, edge);
        }
        IterKind::Zip { iters } => {
            for v in iters {
                t.value(v, edge);
            }
        }
        IterKind::Map { func, iters } => {
            t.value(func, edge);
            for v in iters {
                t.value(v, edge);
            }
        }
        IterKind::Filter { func, inner } => {
            t.value(func, edge);
            t.value(inner, edge);
        }
        IterKind::Callable { func, sentinel } => {
            t.value(func, edge);
            t.value(sentinel, edge);
        }
        IterKind::Native(native) => {
            // Looked into only when this iterator is its sole owner.
            if Rc::strong_count(native) == 1 {
                native.trace(&mut |v| t.value(v, edge));
            }
        }
        _ => {}
    }
}

/// True if an iterator in this state can reference other objects (worth tracking).
pub(crate) fn iterator_holds_references(state: &IterKind) -> bool {
    !matches!(state, IterKind::Range { .. } | IterKind::Str { .. } | IterKind::Exhausted)
}

/// Take the references out of an unreachable node, into `trash` (dropped by the caller once
/// every garbage node is cleared, outside any borrow). Immutable kinds (tuples, bound
/// methods) keep theirs: every cycle has a mutable member, whose clearing frees them.
pub(crate) fn clear(object: &Value, graph: &Graph, trash: &mut Vec<Box<dyn Any>>) {
    match object {
        Value::List(l) => {
            if let Ok(mut items) = l.items.try_borrow_mut() {
                trash.push(Box::new(std::mem::take(&mut *items)));
            }
        }
        Value::Dict(d) => clear_dict(d, trash),
        Value::Set(s) => {
            if let Some(old) = s.gc_take() {
                trash.push(Box::new(old));
            }
        }
        Value::Function(f) => {
            if let Some(d) = &f.kwdefaults {
                clear_owned_dict(d, graph, trash);
            }
            if let Ok(d) = f.dict.try_borrow() {
                if let Some(d) = d.as_ref() {
                    clear_owned_dict(d, graph, trash);
                }
            }
        }
        Value::Cell(c) => {
            if let Ok(mut v) = c.value.try_borrow_mut() {
                trash.push(Box::new(std::mem::replace(&mut *v, Value::Null)));
            }
        }
        Value::Exception(e) => {
            if let Ok(mut c) = e.context.try_borrow_mut() {
                trash.push(Box::new(c.take()));
            }
            if let Ok(mut c) = e.cause.try_borrow_mut() {
                trash.push(Box::new(c.take()));
            }
            if let Ok(dict) = e.dict.try_borrow() {
                if let Some(d) = dict.as_ref() {
                    clear_owned_dict(d, graph, trash);
                }
            }
            if let Ok(mut args) = e.args.try_borrow_mut() {
                let empty = Rc::new(crate::value::PyTuple { items: Box::new([]) });
                trash.push(Box::new(std::mem::replace(&mut *args, empty)));
            }
        }
        Value::Object(o) => {
            if let Ok(mut attrs) = o.attrs.try_borrow_mut() {
                match &mut *attrs {
                    InstanceAttrs::Inline(values) => trash.push(Box::new(std::mem::take(values))),
                    InstanceAttrs::Dict(d) => clear_owned_dict(d, graph, trash),
                    InstanceAttrs::NoDict => {}
                }
            }
            if let Ok(mut slots) = o.slots.try_borrow_mut() {
                let taken: Vec<Value> = slots.iter_mut().map(|v| std::mem::replace(v, Value::Null)).collect();
                trash.push(Box::new(taken));
            }
            if let Some(native) = &o.native {
                native.clear();
            }
        }
        Value::Type(ty) => {
            clear_owned_dict(&ty.dict, graph, trash);
            ty.version.set(crate::objects::types::next_type_version());
        }
        Value::Generator(g) => {
            if g.state() != crate::objects::generator::GenState::Running {
                if let Ok(mut values) = g.saved_stack.try_borrow_mut() {
                    trash.push(Box::new(std::mem::take(&mut *values)));
                }
                if let Ok(mut frame) = g.frame.try_borrow_mut() {
                    trash.push(Box::new(frame.take()));
                }
                if let Ok(mut v) = g.handled.try_borrow_mut() {
                    trash.push(Box::new(std::mem::replace(&mut *v, Value::None)));
                }
                g.state.set(crate::objects::generator::GenState::Finished);
            }
        }
        Value::Iter(it) => {
            if let Ok(mut state) = it.state.try_borrow_mut() {
                trash.push(Box::new(std::mem::replace(&mut *state, IterKind::Exhausted)));
            }
        }
        _ => {}
    }
}

fn clear_dict(d: &crate::objects::dict::PyDict, trash: &mut Vec<Box<dyn Any>>) {
    if let Ok(mut table) = d.table.try_borrow_mut() {
        trash.push(Box::new(std::mem::take(&mut *table)));
        d.keys_changed();
    }
}

/// Clear a dict an unreachable object owns alone (a node dict is cleared as its own node).
fn clear_owned_dict(d: &Rc<crate::objects::dict::PyDict>, graph: &Graph, trash: &mut Vec<Box<dyn Any>>) {
    let addr = Rc::as_ptr(d) as *const u8 as usize;
    if graph.node_of(addr).is_none() && Rc::strong_count(d) == 1 {
        clear_dict(d, trash);
    }
}
