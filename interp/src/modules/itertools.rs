//! The `itertools` module: lazy iterators (`count`, `cycle`, `repeat`, `accumulate`, `chain`,
//! `compress`, `dropwhile`, `takewhile`, `filterfalse`, `groupby`, `islice`, `starmap`, `tee`,
//! `zip_longest`, `pairwise`) and the combinatoric generators (`product`, `permutations`,
//! `combinations`, `combinations_with_replacement`) in CPython's output order. Each is a
//! `NativeIterator` inside a `Value::Iter`; the module exposes native types whose `__new__`
//! builds them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::builtins::args::{no_kwargs, parse, positional_count, Signature};
use crate::bytecode::opcodes::BinaryOp;
use crate::error::{PyErr, PyResult};
use crate::modules::math::index_vm;
use crate::objects::int;
use crate::objects::iter::{self as iters, IterKind, NativeIterator};
use crate::ops;
use crate::value::{CallArgs, NativeFn, PyModule, Value};
use crate::vm::Vm;

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("itertools");
    m.add("count", Value::Type(count_type()));
    m.add("cycle", Value::Type(cycle_type()));
    m.add("repeat", Value::Type(repeat_type()));
    m.add("accumulate", Value::Type(accumulate_type()));
    m.add("chain", Value::Type(chain_type()));
    m.add("compress", Value::Type(compress_type()));
    m.add("dropwhile", Value::Type(dropwhile_type()));
    m.add("takewhile", Value::Type(takewhile_type()));
    m.add("filterfalse", Value::Type(filterfalse_type()));
    m.add("groupby", Value::Type(groupby_type()));
    m.add("islice", Value::Type(islice_type()));
    m.add("starmap", Value::Type(starmap_type()));
    m.add("zip_longest", Value::Type(zip_longest_type()));
    m.add("pairwise", Value::Type(pairwise_type()));
    m.add("product", Value::Type(product_type()));
    m.add("permutations", Value::Type(permutations_type()));
    m.add("combinations", Value::Type(combinations_type()));
    m.add("combinations_with_replacement", Value::Type(cwr_type()));
    m.add_function("tee", tee);
    Ok(m)
}

macro_rules! itertools_type {
    ($type_fn:ident, $name:expr, $new:ident) => {
        crate::native_type!($type_fn, $name, "itertools", &[("__new__", $new as NativeFn)]);
    };
}

itertools_type!(count_type, "count", count_new);
itertools_type!(cycle_type, "cycle", cycle_new);
itertools_type!(repeat_type, "repeat", repeat_new);
itertools_type!(accumulate_type, "accumulate", accumulate_new);
crate::native_type!(chain_type, "chain", "itertools", &[
    ("__new__", chain_new as NativeFn),
    ("from_iterable", chain_from_iterable as NativeFn),
]);
itertools_type!(compress_type, "compress", compress_new);
itertools_type!(dropwhile_type, "dropwhile", dropwhile_new);
itertools_type!(takewhile_type, "takewhile", takewhile_new);
itertools_type!(filterfalse_type, "filterfalse", filterfalse_new);
itertools_type!(groupby_type, "groupby", groupby_new);
itertools_type!(islice_type, "islice", islice_new);
itertools_type!(starmap_type, "starmap", starmap_new);
itertools_type!(zip_longest_type, "zip_longest", zip_longest_new);
itertools_type!(pairwise_type, "pairwise", pairwise_new);
itertools_type!(product_type, "product", product_new);
itertools_type!(permutations_type, "permutations", permutations_new);
itertools_type!(combinations_type, "combinations", combinations_new);
itertools_type!(cwr_type, "combinations_with_replacement", cwr_new);

/// The constructor arguments without the class `__new__` receives first.
fn ctor<'a>(args: &CallArgs<'a>) -> CallArgs<'a> {
    match args.args.first() {
        Some(Value::Type(_)) if !args.positional().is_empty() => CallArgs { args: &args.args[1..], kwnames: args.kwnames },
        _ => CallArgs { args: args.args, kwnames: args.kwnames },
    }
}

fn wrap(it: impl NativeIterator + 'static) -> Value {
    iters::make(IterKind::Native(Rc::new(it)))
}

fn required<'a>(v: Option<&'a Value>) -> &'a Value {
    v.unwrap_or(&Value::None)
}

// ---------------------------------------------------------------------------------------------
// count, cycle, repeat

struct Count {
    next: RefCell<Value>,
    step: Value,
}

impl NativeIterator for Count {
    fn type_name(&self) -> &'static str {
        "itertools.count"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let current = self.next.borrow().clone();
        let following = ops::binary_op(vm, BinaryOp::Add, false, &current, &self.step)?;
        *self.next.borrow_mut() = following;
        Ok(Some(current))
    }
    fn repr(&self, vm: &mut Vm) -> Option<PyResult<String>> {
        let current = self.next.borrow().clone();
        Some((|| {
            let start = ops::repr(vm, &current)?;
            if matches!(self.step, Value::Int(1)) {
                Ok(format!("count({start})"))
            } else {
                Ok(format!("count({start}, {})", ops::repr(vm, &self.step)?))
            }
        })())
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.next.borrow());
        visit(&self.step);
    }
}

fn is_number_like(v: &Value) -> bool {
    crate::objects::number::is_number(v)
        || (matches!(v, Value::Object(_))
            && (ops::lookup_method(v, "__add__").is_some() || ops::lookup_method(v, "__index__").is_some()))
}

fn count_new(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    let sig = Signature { name: "count", params: &["start", "step"], positional: 2, required: 0, positional_only: 0 };
    let [start, step] = parse::<2>(&args, &sig)?;
    let start = start.cloned().unwrap_or(Value::Int(0));
    let step = step.cloned().unwrap_or(Value::Int(1));
    if !is_number_like(&start) || !is_number_like(&step) {
        return Err(PyErr::type_error("a number is required"));
    }
    Ok(wrap(Count { next: RefCell::new(start), step }))
}

struct Cycle {
    source: RefCell<Option<Value>>,
    saved: RefCell<Vec<Value>>,
    index: Cell<usize>,
}

impl NativeIterator for Cycle {
    fn type_name(&self) -> &'static str {
        "itertools.cycle"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let source = self.source.borrow().clone();
        if let Some(it) = source {
            match ops::next(vm, &it)? {
                Some(v) => {
                    self.saved.borrow_mut().push(v.clone());
                    return Ok(Some(v));
                }
                None => {
                    *self.source.borrow_mut() = None;
                }
            }
        }
        let saved = self.saved.borrow();
        if saved.is_empty() {
            return Ok(None);
        }
        let i = self.index.get() % saved.len();
        self.index.set(i + 1);
        Ok(Some(saved[i].clone()))
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(s) = self.source.borrow().as_ref() {
            visit(s);
        }
        self.saved.borrow().iter().for_each(visit);
    }
}

fn cycle_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    no_kwargs("cycle", &args)?;
    let pos = positional_count("cycle", &args, 1, 1)?;
    let it = ops::get_iter(vm, &pos[0])?;
    Ok(wrap(Cycle { source: RefCell::new(Some(it)), saved: RefCell::new(Vec::new()), index: Cell::new(0) }))
}

struct Repeat {
    object: Value,
    /// Remaining repetitions; `None` forever.
    remaining: Cell<Option<u64>>,
}

impl NativeIterator for Repeat {
    fn type_name(&self) -> &'static str {
        "itertools.repeat"
    }
    fn next(&self, _vm: &mut Vm) -> PyResult<Option<Value>> {
        match self.remaining.get() {
            None => Ok(Some(self.object.clone())),
            Some(0) => Ok(None),
            Some(n) => {
                self.remaining.set(Some(n - 1));
                Ok(Some(self.object.clone()))
            }
        }
    }
    fn repr(&self, vm: &mut Vm) -> Option<PyResult<String>> {
        Some(ops::repr(vm, &self.object).map(|r| match self.remaining.get() {
            None => format!("repeat({r})"),
            Some(n) => format!("repeat({r}, {n})"),
        }))
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.object);
    }
}

fn repeat_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    let sig = Signature { name: "repeat", params: &["object", "times"], positional: 2, required: 1, positional_only: 0 };
    let [object, times] = parse::<2>(&args, &sig)?;
    let remaining = match times {
        None => None,
        Some(t) => {
            let t = index_vm(vm, t)?;
            Some(match t {
                Value::Int(i) => i.max(0) as u64,
                _ => {
                    if int::sign_of(&t) < 0 {
                        0
                    } else {
                        return Err(PyErr::overflow("Python int too large to convert to C ssize_t"));
                    }
                }
            })
        }
    };
    Ok(wrap(Repeat { object: required(object).clone(), remaining: Cell::new(remaining) }))
}

// ---------------------------------------------------------------------------------------------
// accumulate, chain, compress, dropwhile, takewhile, filterfalse, starmap, pairwise

struct Accumulate {
    it: Value,
    func: Option<Value>,
    total: RefCell<Option<Value>>,
    initial: RefCell<Option<Value>>,
}

impl NativeIterator for Accumulate {
    fn type_name(&self) -> &'static str {
        "itertools.accumulate"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        if let Some(initial) = self.initial.borrow_mut().take() {
            *self.total.borrow_mut() = Some(initial.clone());
            return Ok(Some(initial));
        }
        let Some(v) = ops::next(vm, &self.it)? else {
            return Ok(None);
        };
        let total = self.total.borrow().clone();
        let new_total = match total {
            None => v,
            Some(t) => match &self.func {
                Some(f) => vm.call(f, &[t, v])?,
                None => ops::binary_op(vm, BinaryOp::Add, false, &t, &v)?,
            },
        };
        *self.total.borrow_mut() = Some(new_total.clone());
        Ok(Some(new_total))
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.it);
        if let Some(f) = &self.func {
            visit(f);
        }
        if let Some(t) = self.total.borrow().as_ref() {
            visit(t);
        }
    }
}

fn accumulate_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    let sig = Signature {
        name: "accumulate",
        params: &["iterable", "func", "initial"],
        positional: 2,
        required: 1,
        positional_only: 0,
    };
    let [iterable, func, initial] = parse::<3>(&args, &sig)?;
    let it = ops::get_iter(vm, required(iterable))?;
    let func = func.filter(|f| !matches!(f, Value::None)).cloned();
    let initial = initial.filter(|v| !matches!(v, Value::None)).cloned();
    Ok(wrap(Accumulate { it, func, total: RefCell::new(None), initial: RefCell::new(initial) }))
}

/// `chain`: iterates each source in turn; `sources` is an iterator over the iterables.
struct Chain {
    sources: RefCell<Option<Value>>,
    current: RefCell<Option<Value>>,
}

impl NativeIterator for Chain {
    fn type_name(&self) -> &'static str {
        "itertools.chain"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        loop {
            let current = self.current.borrow().clone();
            if let Some(it) = current {
                if let Some(v) = ops::next(vm, &it)? {
                    return Ok(Some(v));
                }
                *self.current.borrow_mut() = None;
            }
            let sources = self.sources.borrow().clone();
            let Some(sources) = sources else {
                return Ok(None);
            };
            match ops::next(vm, &sources)? {
                Some(iterable) => {
                    let it = ops::get_iter(vm, &iterable)?;
                    *self.current.borrow_mut() = Some(it);
                }
                None => {
                    *self.sources.borrow_mut() = None;
                    return Ok(None);
                }
            }
        }
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(s) = self.sources.borrow().as_ref() {
            visit(s);
        }
        if let Some(c) = self.current.borrow().as_ref() {
            visit(c);
        }
    }
}

fn chain_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    no_kwargs("chain", &args)?;
    let sources = ops::get_iter(vm, &Value::tuple(args.positional().to_vec()))?;
    Ok(wrap(Chain { sources: RefCell::new(Some(sources)), current: RefCell::new(None) }))
}

fn chain_from_iterable(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    // Reached as `chain.from_iterable(x)` (unbound: x first) or bound to the class.
    let args = ctor(&args);
    no_kwargs("from_iterable", &args)?;
    let pos = args.positional();
    let [iterable] = pos else {
        return Err(PyErr::type_error(format!(
            "chain.from_iterable() takes exactly one argument ({} given)",
            pos.len()
        )));
    };
    let sources = ops::get_iter(vm, iterable)?;
    Ok(wrap(Chain { sources: RefCell::new(Some(sources)), current: RefCell::new(None) }))
}

struct Compress {
    data: Value,
    selectors: Value,
}

impl NativeIterator for Compress {
    fn type_name(&self) -> &'static str {
        "itertools.compress"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        loop {
            let Some(d) = ops::next(vm, &self.data)? else {
                return Ok(None);
            };
            let Some(s) = ops::next(vm, &self.selectors)? else {
                return Ok(None);
            };
            if ops::truthy(vm, &s)? {
                return Ok(Some(d));
            }
        }
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.data);
        visit(&self.selectors);
    }
}

fn compress_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    let sig = Signature { name: "compress", params: &["data", "selectors"], positional: 2, required: 2, positional_only: 0 };
    let [data, selectors] = parse::<2>(&args, &sig)?;
    let data = ops::get_iter(vm, required(data))?;
    let selectors = ops::get_iter(vm, required(selectors))?;
    Ok(wrap(Compress { data, selectors }))
}

#[derive(Clone, Copy, PartialEq)]
enum PredicateKind {
    DropWhile,
    TakeWhile,
    FilterFalse,
}

struct Predicated {
    kind: PredicateKind,
    predicate: Value,
    it: Value,
    /// dropwhile: the dropping phase is over; takewhile: the predicate failed.
    switched: Cell<bool>,
}

impl Predicated {
    fn test(&self, vm: &mut Vm, item: &Value) -> PyResult<bool> {
        if self.kind == PredicateKind::FilterFalse && matches!(self.predicate, Value::None) {
            return ops::truthy(vm, item);
        }
        let r = vm.call(&self.predicate, std::slice::from_ref(item))?;
        ops::truthy(vm, &r)
    }
}

impl NativeIterator for Predicated {
    fn type_name(&self) -> &'static str {
        match self.kind {
            PredicateKind::DropWhile => "itertools.dropwhile",
            PredicateKind::TakeWhile => "itertools.takewhile",
            PredicateKind::FilterFalse => "itertools.filterfalse",
        }
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        match self.kind {
            PredicateKind::DropWhile => loop {
                let Some(item) = ops::next(vm, &self.it)? else {
                    return Ok(None);
                };
                if self.switched.get() {
                    return Ok(Some(item));
                }
                if !self.test(vm, &item)? {
                    self.switched.set(true);
                    return Ok(Some(item));
                }
            },
            PredicateKind::TakeWhile => {
                if self.switched.get() {
                    return Ok(None);
                }
                let Some(item) = ops::next(vm, &self.it)? else {
                    return Ok(None);
                };
                if self.test(vm, &item)? {
                    return Ok(Some(item));
                }
                self.switched.set(true);
                Ok(None)
            }
            PredicateKind::FilterFalse => loop {
                let Some(item) = ops::next(vm, &self.it)? else {
                    return Ok(None);
                };
                if !self.test(vm, &item)? {
                    return Ok(Some(item));
                }
            },
        }
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.predicate);
        visit(&self.it);
    }
}

fn predicated(vm: &mut Vm, args: CallArgs<'_>, name: &str, kind: PredicateKind) -> PyResult<Value> {
    let args = ctor(&args);
    no_kwargs(name, &args)?;
    let pos = positional_count(name, &args, 2, 2)?;
    let it = ops::get_iter(vm, &pos[1])?;
    Ok(wrap(Predicated { kind, predicate: pos[0].clone(), it, switched: Cell::new(false) }))
}

fn dropwhile_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    predicated(vm, args, "dropwhile", PredicateKind::DropWhile)
}

fn takewhile_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    predicated(vm, args, "takewhile", PredicateKind::TakeWhile)
}

fn filterfalse_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    predicated(vm, args, "filterfalse", PredicateKind::FilterFalse)
}

struct StarMap {
    func: Value,
    it: Value,
}

impl NativeIterator for StarMap {
    fn type_name(&self) -> &'static str {
        "itertools.starmap"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(item) = ops::next(vm, &self.it)? else {
            return Ok(None);
        };
        let call_args = match &item {
            Value::Tuple(t) => t.items.to_vec(),
            other => ops::collect(vm, other)?,
        };
        Ok(Some(vm.call(&self.func, &call_args)?))
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        visit(&self.it);
    }
}

fn starmap_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    no_kwargs("starmap", &args)?;
    let pos = positional_count("starmap", &args, 2, 2)?;
    let it = ops::get_iter(vm, &pos[1])?;
    Ok(wrap(StarMap { func: pos[0].clone(), it }))
}

struct Pairwise {
    it: Value,
    previous: RefCell<Option<Value>>,
}

impl NativeIterator for Pairwise {
    fn type_name(&self) -> &'static str {
        "itertools.pairwise"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let previous = self.previous.borrow().clone();
        let first = match previous {
            Some(p) => p,
            None => match ops::next(vm, &self.it)? {
                Some(v) => v,
                None => return Ok(None),
            },
        };
        let Some(second) = ops::next(vm, &self.it)? else {
            *self.previous.borrow_mut() = None;
            return Ok(None);
        };
        *self.previous.borrow_mut() = Some(second.clone());
        Ok(Some(Value::tuple(vec![first, second])))
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.it);
        if let Some(p) = self.previous.borrow().as_ref() {
            visit(p);
        }
    }
}

fn pairwise_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    no_kwargs("pairwise", &args)?;
    let pos = positional_count("pairwise", &args, 1, 1)?;
    let it = ops::get_iter(vm, &pos[0])?;
    Ok(wrap(Pairwise { it, previous: RefCell::new(None) }))
}

// ---------------------------------------------------------------------------------------------
// groupby

struct GroupByState {
    it: Value,
    key: Option<Value>,
    target_key: RefCell<Option<Value>>,
    current_key: RefCell<Option<Value>>,
    current_value: RefCell<Option<Value>>,
    /// Identifies the live grouper: older groupers stop when the parent advances.
    generation: Cell<u64>,
}

impl GroupByState {
    /// Read the next item and its key; false at the end.
    fn step(&self, vm: &mut Vm) -> PyResult<bool> {
        let Some(value) = ops::next(vm, &self.it)? else {
            return Ok(false);
        };
        let key = match &self.key {
            Some(k) => vm.call(k, std::slice::from_ref(&value))?,
            None => value.clone(),
        };
        *self.current_value.borrow_mut() = Some(value);
        *self.current_key.borrow_mut() = Some(key);
        Ok(true)
    }
}

struct GroupBy {
    state: Rc<GroupByState>,
}

impl NativeIterator for GroupBy {
    fn type_name(&self) -> &'static str {
        "itertools.groupby"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let st = &self.state;
        st.generation.set(st.generation.get() + 1);
        loop {
            let current = st.current_key.borrow().clone();
            let target = st.target_key.borrow().clone();
            match (current, target) {
                (None, _) => {}
                (Some(_), None) => break,
                (Some(c), Some(t)) => {
                    if !(t.is(&c) || ops::eq(vm, &t, &c)?) {
                        break;
                    }
                }
            }
            if !st.step(vm)? {
                return Ok(None);
            }
        }
        let key = st.current_key.borrow().clone().unwrap_or(Value::None);
        *st.target_key.borrow_mut() = Some(key.clone());
        let grouper = Grouper { parent: st.clone(), target: key.clone(), generation: st.generation.get() };
        Ok(Some(Value::tuple(vec![key, wrap(grouper)])))
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        let st = &self.state;
        visit(&st.it);
        if let Some(k) = &st.key {
            visit(k);
        }
        for cell in [&st.target_key, &st.current_key, &st.current_value] {
            if let Some(v) = cell.borrow().as_ref() {
                visit(v);
            }
        }
    }
}

struct Grouper {
    parent: Rc<GroupByState>,
    target: Value,
    generation: u64,
}

impl NativeIterator for Grouper {
    fn type_name(&self) -> &'static str {
        "itertools._grouper"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let st = &self.parent;
        if st.generation.get() != self.generation {
            return Ok(None);
        }
        if st.current_value.borrow().is_none() && !st.step(vm)? {
            return Ok(None);
        }
        let current = st.current_key.borrow().clone().unwrap_or(Value::None);
        if !(self.target.is(&current) || ops::eq(vm, &self.target, &current)?) {
            return Ok(None);
        }
        Ok(st.current_value.borrow_mut().take())
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.target);
    }
}

fn groupby_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    let sig = Signature { name: "groupby", params: &["iterable", "key"], positional: 2, required: 1, positional_only: 0 };
    let [iterable, key] = parse::<2>(&args, &sig)?;
    let it = ops::get_iter(vm, required(iterable))?;
    let key = key.filter(|k| !matches!(k, Value::None)).cloned();
    Ok(wrap(GroupBy {
        state: Rc::new(GroupByState {
            it,
            key,
            target_key: RefCell::new(None),
            current_key: RefCell::new(None),
            current_value: RefCell::new(None),
            generation: Cell::new(0),
        }),
    }))
}

// ---------------------------------------------------------------------------------------------
// islice

struct ISlice {
    it: RefCell<Option<Value>>,
    next_index: Cell<u64>,
    /// `None`: no stop.
    stop: Option<u64>,
    step: u64,
    consumed: Cell<u64>,
}

impl NativeIterator for ISlice {
    fn type_name(&self) -> &'static str {
        "itertools.islice"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(it) = self.it.borrow().clone() else {
            return Ok(None);
        };
        let stop = self.stop.unwrap_or(u64::MAX);
        while self.consumed.get() < self.next_index.get() {
            if ops::next(vm, &it)?.is_none() {
                *self.it.borrow_mut() = None;
                return Ok(None);
            }
            self.consumed.set(self.consumed.get() + 1);
        }
        if self.consumed.get() >= stop {
            *self.it.borrow_mut() = None;
            return Ok(None);
        }
        let Some(item) = ops::next(vm, &it)? else {
            *self.it.borrow_mut() = None;
            return Ok(None);
        };
        self.consumed.set(self.consumed.get() + 1);
        let old = self.next_index.get();
        let mut next = old.saturating_add(self.step);
        if next > stop {
            next = stop;
        }
        self.next_index.set(next);
        Ok(Some(item))
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(it) = self.it.borrow().as_ref() {
            visit(it);
        }
    }
}

/// An islice bound: None, or an int (any sign; checked by the caller); `message` for others.
fn slice_bound(vm: &mut Vm, v: &Value, message: &str) -> PyResult<Option<i64>> {
    if matches!(v, Value::None) {
        return Ok(None);
    }
    match index_vm(vm, v) {
        Ok(Value::Int(n)) => Ok(Some(n)),
        Ok(_) => Ok(Some(i64::MIN)),
        Err(_) => Err(PyErr::value_error(message.to_owned())),
    }
}

fn islice_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    no_kwargs("islice", &args)?;
    let pos = positional_count("islice", &args, 2, 4)?;
    const STOP: &str = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    const INDICES: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let (start, stop) = if pos.len() == 2 {
        (Some(0), slice_bound(vm, &pos[1], STOP)?)
    } else {
        (slice_bound(vm, &pos[1], INDICES).unwrap_or(Some(-1)), slice_bound(vm, &pos[2], STOP)?)
    };
    if stop == Some(-1) {
        return Err(PyErr::value_error(STOP));
    }
    let start = start.unwrap_or(0);
    if start < 0 || stop.is_some_and(|s| s < -1) {
        return Err(PyErr::value_error(INDICES));
    }
    let step = match pos.get(3) {
        None | Some(Value::None) => 1,
        Some(v) => match index_vm(vm, v) {
            Ok(Value::Int(n)) if n >= 1 => n as u64,
            _ => return Err(PyErr::value_error("Step for islice() must be a positive integer or None.")),
        },
    };
    let (start, stop) = (start as u64, stop.map(|s| s as u64));
    let it = ops::get_iter(vm, &pos[0])?;
    Ok(wrap(ISlice { it: RefCell::new(Some(it)), next_index: Cell::new(start), stop, step, consumed: Cell::new(0) }))
}

// ---------------------------------------------------------------------------------------------
// zip_longest

struct ZipLongest {
    iters: RefCell<Vec<Option<Value>>>,
    active: Cell<usize>,
    fill: Value,
}

impl NativeIterator for ZipLongest {
    fn type_name(&self) -> &'static str {
        "itertools.zip_longest"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let iters = self.iters.borrow().clone();
        if iters.is_empty() || self.active.get() == 0 {
            return Ok(None);
        }
        let mut items = Vec::with_capacity(iters.len());
        for (i, it) in iters.iter().enumerate() {
            match it {
                None => items.push(self.fill.clone()),
                Some(it) => match ops::next(vm, it)? {
                    Some(v) => items.push(v),
                    None => {
                        self.active.set(self.active.get() - 1);
                        if self.active.get() == 0 {
                            return Ok(None);
                        }
                        if let Some(slot) = self.iters.borrow_mut().get_mut(i) {
                            *slot = None;
                        }
                        items.push(self.fill.clone());
                    }
                },
            }
        }
        Ok(Some(Value::tuple(items)))
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        for it in self.iters.borrow().iter().flatten() {
            visit(it);
        }
        visit(&self.fill);
    }
}

fn zip_longest_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    let mut fill = Value::None;
    for (k, v) in args.keywords() {
        if k == "fillvalue" {
            fill = v.clone();
        } else {
            return Err(PyErr::type_error("zip_longest() got an unexpected keyword argument"));
        }
    }
    let mut iters = Vec::with_capacity(args.positional().len());
    for iterable in args.positional() {
        iters.push(Some(ops::get_iter(vm, iterable)?));
    }
    let n = iters.len();
    Ok(wrap(ZipLongest { iters: RefCell::new(iters), active: Cell::new(n), fill }))
}

// ---------------------------------------------------------------------------------------------
// tee

struct TeeShared {
    it: Value,
    /// Items read from `it` but not yet seen by every copy; `buffer[0]` has index `base`.
    buffer: RefCell<std::collections::VecDeque<Value>>,
    base: Cell<u64>,
    positions: RefCell<Vec<u64>>,
}

struct Tee {
    shared: Rc<TeeShared>,
    id: usize,
}

impl NativeIterator for Tee {
    fn type_name(&self) -> &'static str {
        "itertools._tee"
    }
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let sh = &self.shared;
        let position = sh.positions.borrow().get(self.id).copied().unwrap_or(0);
        let offset = (position - sh.base.get()) as usize;
        let buffered = sh.buffer.borrow().get(offset).cloned();
        let item = match buffered {
            Some(v) => v,
            None => match ops::next(vm, &sh.it)? {
                Some(v) => {
                    sh.buffer.borrow_mut().push_back(v.clone());
                    v
                }
                None => return Ok(None),
            },
        };
        if let Some(p) = sh.positions.borrow_mut().get_mut(self.id) {
            *p = position + 1;
        }
        // Drop what every copy has seen.
        let min = sh.positions.borrow().iter().copied().min().unwrap_or(0);
        while sh.base.get() < min {
            sh.buffer.borrow_mut().pop_front();
            sh.base.set(sh.base.get() + 1);
        }
        Ok(Some(item))
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.shared.it);
        self.shared.buffer.borrow().iter().for_each(visit);
    }
}

fn tee(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("tee", &args)?;
    let pos = positional_count("tee", &args, 1, 2)?;
    let n = match pos.get(1) {
        Some(v) => int::index_i64(&index_vm(vm, v)?)?,
        None => 2,
    };
    if n < 0 {
        return Err(PyErr::value_error("n must be >= 0"));
    }
    let it = ops::get_iter(vm, &pos[0])?;
    let n = n as usize;
    if n > 1 << 20 {
        return Err(PyErr::memory_error());
    }
    let shared = Rc::new(TeeShared {
        it,
        buffer: RefCell::new(std::collections::VecDeque::new()),
        base: Cell::new(0),
        positions: RefCell::new(vec![0; n]),
    });
    let copies: Vec<Value> = (0..n).map(|id| wrap(Tee { shared: shared.clone(), id })).collect();
    Ok(Value::tuple(copies))
}

// ---------------------------------------------------------------------------------------------
// Combinatorics: every pool is materialized first, like CPython.

enum Combinatoric {
    Product { pools: Vec<Vec<Value>>, indices: Vec<usize> },
    Permutations { pool: Vec<Value>, r: usize, indices: Vec<usize>, cycles: Vec<usize> },
    Combinations { pool: Vec<Value>, r: usize, indices: Vec<usize> },
    WithReplacement { pool: Vec<Value>, r: usize, indices: Vec<usize> },
}

struct CombinatoricIter {
    name: &'static str,
    state: RefCell<Combinatoric>,
    started: Cell<bool>,
    done: Cell<bool>,
}

impl CombinatoricIter {
    fn new(name: &'static str, state: Combinatoric, empty: bool) -> CombinatoricIter {
        CombinatoricIter { name, state: RefCell::new(state), started: Cell::new(false), done: Cell::new(empty) }
    }

    /// Advance the indices to the next arrangement; false when there is none.
    fn advance(state: &mut Combinatoric) -> bool {
        match state {
            Combinatoric::Product { pools, indices } => {
                for i in (0..pools.len()).rev() {
                    indices[i] += 1;
                    if indices[i] < pools[i].len() {
                        return true;
                    }
                    indices[i] = 0;
                }
                false
            }
            Combinatoric::Permutations { pool, r, indices, cycles } => {
                let n = pool.len();
                let r = *r;
                if n == 0 {
                    return false;
                }
                for i in (0..r).rev() {
                    cycles[i] -= 1;
                    if cycles[i] == 0 {
                        let moved = indices.remove(i);
                        indices.push(moved);
                        cycles[i] = n - i;
                    } else {
                        let j = cycles[i];
                        indices.swap(i, n - j);
                        return true;
                    }
                }
                false
            }
            Combinatoric::Combinations { pool, r, indices } => {
                let (n, r) = (pool.len(), *r);
                let Some(i) = (0..r).rev().find(|&i| indices[i] != i + n - r) else {
                    return false;
                };
                indices[i] += 1;
                for j in i + 1..r {
                    indices[j] = indices[j - 1] + 1;
                }
                true
            }
            Combinatoric::WithReplacement { pool, r, indices } => {
                let n = pool.len();
                let Some(i) = (0..*r).rev().find(|&i| indices[i] != n - 1) else {
                    return false;
                };
                let v = indices[i] + 1;
                for slot in indices[i..].iter_mut() {
                    *slot = v;
                }
                true
            }
        }
    }

    fn current(state: &Combinatoric) -> Value {
        match state {
            Combinatoric::Product { pools, indices } => {
                Value::tuple(pools.iter().zip(indices.iter()).map(|(p, &i)| p[i].clone()).collect())
            }
            Combinatoric::Permutations { pool, r, indices, .. } => {
                Value::tuple(indices[..*r].iter().map(|&i| pool[i].clone()).collect())
            }
            Combinatoric::Combinations { pool, indices, .. } | Combinatoric::WithReplacement { pool, indices, .. } => {
                Value::tuple(indices.iter().map(|&i| pool[i].clone()).collect())
            }
        }
    }
}

impl NativeIterator for CombinatoricIter {
    fn type_name(&self) -> &'static str {
        self.name
    }
    fn next(&self, _vm: &mut Vm) -> PyResult<Option<Value>> {
        if self.done.get() {
            return Ok(None);
        }
        let mut state = self.state.borrow_mut();
        if self.started.get() {
            if !Self::advance(&mut state) {
                self.done.set(true);
                return Ok(None);
            }
        } else {
            self.started.set(true);
        }
        Ok(Some(Self::current(&state)))
    }
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        match &*self.state.borrow() {
            Combinatoric::Product { pools, .. } => pools.iter().flatten().for_each(visit),
            Combinatoric::Permutations { pool, .. }
            | Combinatoric::Combinations { pool, .. }
            | Combinatoric::WithReplacement { pool, .. } => pool.iter().for_each(visit),
        }
    }
}

fn product_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    let mut repeat = 1i64;
    for (k, v) in args.keywords() {
        if k == "repeat" {
            repeat = int::index_i64(&index_vm(vm, v)?)?;
        } else {
            return Err(PyErr::type_error(format!("product() got an unexpected keyword argument '{k}'")));
        }
    }
    if repeat < 0 {
        return Err(PyErr::value_error("repeat argument cannot be negative"));
    }
    let mut base = Vec::with_capacity(args.positional().len());
    for iterable in args.positional() {
        base.push(ops::collect(vm, iterable)?);
    }
    let total = base.len().saturating_mul(repeat as usize);
    if total > 1 << 24 {
        return Err(PyErr::memory_error());
    }
    let mut pools = Vec::with_capacity(total);
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let empty = pools.iter().any(|p| p.is_empty());
    let indices = vec![0; pools.len()];
    Ok(wrap(CombinatoricIter::new("itertools.product", Combinatoric::Product { pools, indices }, empty)))
}

fn r_argument(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    let r = int::index_i64(&index_vm(vm, v)?)?;
    if r < 0 {
        return Err(PyErr::value_error("r must be non-negative"));
    }
    Ok(r as usize)
}

fn permutations_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    let sig = Signature { name: "permutations", params: &["iterable", "r"], positional: 2, required: 1, positional_only: 0 };
    let [iterable, r] = parse::<2>(&args, &sig)?;
    let pool = ops::collect(vm, required(iterable))?;
    let n = pool.len();
    let r = match r {
        None | Some(Value::None) => n,
        Some(v) => r_argument(vm, v)?,
    };
    let empty = r > n;
    let indices: Vec<usize> = (0..n).collect();
    let cycles: Vec<usize> = if empty { Vec::new() } else { (n - r + 1..=n).rev().collect() };
    Ok(wrap(CombinatoricIter::new(
        "itertools.permutations",
        Combinatoric::Permutations { pool, r, indices, cycles },
        empty,
    )))
}

fn combinations_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    let sig = Signature { name: "combinations", params: &["iterable", "r"], positional: 2, required: 2, positional_only: 0 };
    let [iterable, r] = parse::<2>(&args, &sig)?;
    let pool = ops::collect(vm, required(iterable))?;
    let r = r_argument(vm, required(r))?;
    let empty = r > pool.len();
    let indices: Vec<usize> = if empty { Vec::new() } else { (0..r).collect() };
    Ok(wrap(CombinatoricIter::new("itertools.combinations", Combinatoric::Combinations { pool, r, indices }, empty)))
}

fn cwr_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let args = ctor(&args);
    let sig = Signature {
        name: "combinations_with_replacement",
        params: &["iterable", "r"],
        positional: 2,
        required: 2,
        positional_only: 0,
    };
    let [iterable, r] = parse::<2>(&args, &sig)?;
    let pool = ops::collect(vm, required(iterable))?;
    let r = r_argument(vm, required(r))?;
    let empty = pool.is_empty() && r > 0;
    if r > 1 << 24 {
        return Err(PyErr::memory_error());
    }
    Ok(wrap(CombinatoricIter::new(
        "itertools.combinations_with_replacement",
        Combinatoric::WithReplacement { pool, r, indices: vec![0; r] },
        empty,
    )))
}
