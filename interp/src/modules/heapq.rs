//! The `heapq` module: binary min-heaps kept in plain lists (`heappush`, `heappop`,
//! `heapify`, `heapreplace`, `heappushpop`), with CPython's sift algorithms so the list's
//! element order matches CPython's after every operation; `nlargest`/`nsmallest` and the lazy
//! `merge` of sorted iterables.

use std::cell::RefCell;
use std::rc::Rc;

use crate::builtins::args::{no_kwargs, positional_count};
use crate::error::{PyErr, PyResult};
use crate::modules::math::type_name_of;
use crate::objects::iter::{self, IterKind, NativeIterator};
use crate::objects::list::sort_values;
use crate::ops;
use crate::value::{CallArgs, PyList, PyModule, Value};
use crate::vm::Vm;

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("heapq");
    m.add_function("heappush", heappush);
    m.add_function("heappop", heappop);
    m.add_function("heapify", heapify);
    m.add_function("heapreplace", heapreplace);
    m.add_function("heappushpop", heappushpop);
    m.add_function("nlargest", nlargest);
    m.add_function("nsmallest", nsmallest);
    m.add_function("merge", merge);
    m.add(
        "__all__",
        Value::list(
            ["heappush", "heappop", "heapify", "heapreplace", "merge", "nlargest", "nsmallest", "heappushpop"]
                .iter()
                .map(|s| Value::str(s))
                .collect(),
        ),
    );
    Ok(m)
}

fn list_arg<'a>(name: &str, v: &'a Value, numbered: bool) -> PyResult<&'a Rc<PyList>> {
    match v {
        Value::List(l) => Ok(l),
        other => Err(PyErr::type_error(if numbered {
            format!("{name}() argument 1 must be list, not {}", type_name_of(other))
        } else {
            format!("{name}() argument must be list, not {}", type_name_of(other))
        })),
    }
}

fn changed_size() -> PyErr {
    PyErr::runtime_error("list changed size during iteration")
}

fn get(heap: &PyList, i: usize) -> PyResult<Value> {
    heap.items.borrow().get(i).cloned().ok_or_else(changed_size)
}

fn swap(heap: &PyList, a: usize, b: usize) -> PyResult<()> {
    let mut items = heap.items.borrow_mut();
    if a >= items.len() || b >= items.len() {
        return Err(changed_size());
    }
    items.swap(a, b);
    Ok(())
}

/// Move the item at `pos` up toward `start` while it is smaller than its parent.
fn sift_down(vm: &mut Vm, heap: &PyList, start: usize, mut pos: usize) -> PyResult<()> {
    let size = heap.items.borrow().len();
    if pos >= size {
        return Err(PyErr::index_error("index out of range"));
    }
    while pos > start {
        let parent_pos = (pos - 1) >> 1;
        let item = get(heap, pos)?;
        let parent = get(heap, parent_pos)?;
        let smaller = ops::lt(vm, &item, &parent)?;
        if heap.items.borrow().len() != size {
            return Err(changed_size());
        }
        if !smaller {
            break;
        }
        swap(heap, pos, parent_pos)?;
        pos = parent_pos;
    }
    Ok(())
}

/// Move the item at `pos` down to a leaf along the smaller children, then back up.
fn sift_up(vm: &mut Vm, heap: &PyList, mut pos: usize) -> PyResult<()> {
    let end = heap.items.borrow().len();
    let start = pos;
    if pos >= end {
        return Err(PyErr::index_error("index out of range"));
    }
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let left = get(heap, child)?;
            let right = get(heap, child + 1)?;
            if !ops::lt(vm, &left, &right)? {
                child += 1;
            }
            if heap.items.borrow().len() != end {
                return Err(changed_size());
            }
        }
        swap(heap, child, pos)?;
        pos = child;
    }
    sift_down(vm, heap, start, pos)
}

fn heappush(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("heappush", &args)?;
    let pos = positional_count("heappush", &args, 2, 2)?;
    let heap = list_arg("heappush", &pos[0], true)?;
    let last = {
        let mut items = heap.items.borrow_mut();
        items.try_reserve(1).map_err(|_| PyErr::memory_error())?;
        items.push(pos[1].clone());
        items.len() - 1
    };
    sift_down(vm, heap, 0, last)?;
    Ok(Value::None)
}

fn heappop(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = crate::builtins::args::exactly_one("heappop", &args).map_err(|_| {
        PyErr::type_error(format!("heapq.heappop() takes exactly one argument ({} given)", args.args.len()))
    })?;
    let heap = list_arg("heappop", v, false)?;
    let last = heap.items.borrow_mut().pop();
    let Some(last) = last else {
        return Err(PyErr::index_error("index out of range"));
    };
    let top = {
        let mut items = heap.items.borrow_mut();
        match items.first_mut() {
            Some(first) => std::mem::replace(first, last),
            None => return Ok(last),
        }
    };
    sift_up(vm, heap, 0)?;
    Ok(top)
}

fn heapreplace(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("heapreplace", &args)?;
    let pos = positional_count("heapreplace", &args, 2, 2)?;
    let heap = list_arg("heapreplace", &pos[0], true)?;
    let top = {
        let mut items = heap.items.borrow_mut();
        match items.first_mut() {
            Some(first) => std::mem::replace(first, pos[1].clone()),
            None => return Err(PyErr::index_error("index out of range")),
        }
    };
    sift_up(vm, heap, 0)?;
    Ok(top)
}

fn heappushpop(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("heappushpop", &args)?;
    let pos = positional_count("heappushpop", &args, 2, 2)?;
    let heap = list_arg("heappushpop", &pos[0], true)?;
    let item = pos[1].clone();
    let Some(top) = heap.items.borrow().first().cloned() else {
        return Ok(item);
    };
    if !ops::lt(vm, &top, &item)? {
        return Ok(item);
    }
    let top = {
        let mut items = heap.items.borrow_mut();
        match items.first_mut() {
            Some(first) => std::mem::replace(first, item),
            None => return Err(PyErr::index_error("index out of range")),
        }
    };
    sift_up(vm, heap, 0)?;
    Ok(top)
}

fn heapify(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = crate::builtins::args::exactly_one("heapify", &args).map_err(|_| {
        PyErr::type_error(format!("heapq.heapify() takes exactly one argument ({} given)", args.args.len()))
    })?;
    let heap = list_arg("heapify", v, false)?;
    let n = heap.items.borrow().len();
    // Bottom-up: each subtree is a heap before its root is sifted (the order CPython's
    // cache-friendly variant uses gives the same final list).
    for i in (0..n / 2).rev() {
        sift_up(vm, heap, i)?;
    }
    Ok(Value::None)
}

/// `nlargest`/`nsmallest`: the first `n` items of a stable sort, which is exactly what
/// CPython's decorated-heap algorithm returns.
fn select(vm: &mut Vm, name: &str, args: &CallArgs<'_>, reverse: bool) -> PyResult<Value> {
    let pos = args.positional();
    let mut key = Value::None;
    for (kw, value) in args.keywords() {
        if kw == "key" {
            key = value.clone();
        } else {
            return Err(PyErr::type_error(format!("{name}() got an unexpected keyword argument '{kw}'")));
        }
    }
    match pos.len() {
        0 => return Err(PyErr::type_error(format!("{name}() missing 2 required positional arguments: 'n' and 'iterable'"))),
        1 => return Err(PyErr::type_error(format!("{name}() missing 1 required positional argument: 'iterable'"))),
        2 => {}
        n => {
            return Err(PyErr::type_error(format!(
                "{name}() takes from 2 to 3 positional arguments but {n} were given"
            )))
        }
    }
    let n = match &pos[0] {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => {
            if num_traits::Signed::is_negative(&**b) {
                0
            } else {
                i64::MAX
            }
        }
        other => {
            return Err(PyErr::type_error(format!(
                "'<=' not supported between instances of '{}' and 'int'",
                type_name_of(other)
            )))
        }
    };
    let mut items = ops::collect(vm, &pos[1])?;
    if n <= 0 {
        return Ok(Value::list(Vec::new()));
    }
    let keys = if matches!(key, Value::None) {
        None
    } else {
        let mut keys = Vec::with_capacity(items.len());
        for item in &items {
            keys.push(vm.call(&key, std::slice::from_ref(item))?);
        }
        Some(keys)
    };
    sort_values(vm, &mut items, keys, reverse)?;
    items.truncate(usize::try_from(n).unwrap_or(usize::MAX));
    Ok(Value::list(items))
}

fn nlargest(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    select(vm, "nlargest", &args, true)
}

fn nsmallest(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    select(vm, "nsmallest", &args, false)
}

// ---------------------------------------------------------------------------------------------
// merge

struct Source {
    key: Value,
    value: Value,
    iter: Value,
}

/// The lazy merge of sorted iterables: each step yields the smallest head (the largest with
/// `reverse`), earlier iterables first among equal ones.
struct Merge {
    iterables: RefCell<Option<Vec<Value>>>,
    sources: RefCell<Vec<Source>>,
    key: Option<Value>,
    reverse: bool,
}

impl Merge {
    fn key_of(&self, vm: &mut Vm, value: &Value) -> PyResult<Value> {
        match &self.key {
            Some(k) => vm.call(k, std::slice::from_ref(value)),
            None => Ok(value.clone()),
        }
    }

    fn start(&self, vm: &mut Vm, iterables: Vec<Value>) -> PyResult<()> {
        for iterable in iterables {
            let it = ops::get_iter(vm, &iterable)?;
            if let Some(value) = ops::next(vm, &it)? {
                let key = self.key_of(vm, &value)?;
                self.sources.borrow_mut().push(Source { key, value, iter: it });
            }
        }
        Ok(())
    }
}

impl NativeIterator for Merge {
    fn type_name(&self) -> &'static str {
        "generator"
    }

    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let pending = self.iterables.borrow_mut().take();
        if let Some(iterables) = pending {
            self.start(vm, iterables)?;
        }
        let heads: Vec<Value> = self.sources.borrow().iter().map(|s| s.key.clone()).collect();
        if heads.is_empty() {
            return Ok(None);
        }
        let mut best = 0;
        for i in 1..heads.len() {
            let better =
                if self.reverse { ops::lt(vm, &heads[best], &heads[i])? } else { ops::lt(vm, &heads[i], &heads[best])? };
            if better {
                best = i;
            }
        }
        let (value, it) = match self.sources.borrow().get(best) {
            Some(s) => (s.value.clone(), s.iter.clone()),
            None => return Ok(None),
        };
        match ops::next(vm, &it)? {
            Some(next_value) => {
                let key = self.key_of(vm, &next_value)?;
                if let Some(s) = self.sources.borrow_mut().get_mut(best) {
                    s.key = key;
                    s.value = next_value;
                }
            }
            None => {
                let mut sources = self.sources.borrow_mut();
                if best < sources.len() {
                    sources.remove(best);
                }
            }
        }
        Ok(Some(value))
    }

    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(items) = self.iterables.borrow().as_ref() {
            items.iter().for_each(&mut *visit);
        }
        for s in self.sources.borrow().iter() {
            visit(&s.key);
            visit(&s.value);
            visit(&s.iter);
        }
        if let Some(k) = &self.key {
            visit(k);
        }
    }
}

fn merge(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let _ = vm;
    let mut key = None;
    let mut reverse = false;
    for (kw, value) in args.keywords() {
        match kw {
            "key" => key = if matches!(value, Value::None) { None } else { Some(value.clone()) },
            "reverse" => reverse = crate::ops::truthy(vm, value)?,
            _ => return Err(PyErr::type_error(format!("merge() got an unexpected keyword argument '{kw}'"))),
        }
    }
    let merge = Merge {
        iterables: RefCell::new(Some(args.positional().to_vec())),
        sources: RefCell::new(Vec::new()),
        key,
        reverse,
    };
    Ok(iter::make(IterKind::Native(Rc::new(merge))))
}
