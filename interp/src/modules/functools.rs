//! The `functools` module: `reduce`, `partial` (a native type, nested partials flattened),
//! `update_wrapper`/`wraps`, `lru_cache`/`cache` (a native wrapper type with CPython's
//! `cache_info()` and LRU eviction order), `cmp_to_key` and `total_ordering`.

use std::cell::Cell;
use std::rc::Rc;

use crate::builtins::args::{no_kwargs, positional_count};
use crate::bytecode::opcodes::CompareOp;
use crate::error::{PyErr, PyResult};
use crate::modules::support::{new_object, new_subtype_object, object_dict, self_state, state_of};
use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::objects::types::{type_of, PyType, TypeId};
use crate::ops;
use crate::value::{CallArgs, NativeFn, NativeFunction, NativeState, PyMethod, PyModule, Value};
use crate::vm::Vm;

const WRAPPER_ASSIGNMENTS: [&str; 5] = ["__module__", "__name__", "__qualname__", "__doc__", "__annotations__"];

pub fn init(vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("functools");
    m.add_function("reduce", reduce);
    m.add_function("update_wrapper", update_wrapper);
    m.add_function("wraps", wraps);
    m.add_function("lru_cache", lru_cache);
    m.add_function("cache", cache);
    m.add_function("cmp_to_key", cmp_to_key);
    m.add_function("total_ordering", total_ordering);
    m.add("partial", Value::Type(partial_type()));
    m.add("WRAPPER_ASSIGNMENTS", Value::tuple(WRAPPER_ASSIGNMENTS.iter().map(|s| Value::str(s)).collect()));
    m.add("WRAPPER_UPDATES", Value::tuple(vec![Value::str("__dict__")]));
    super::functools_py::add_python_parts(vm, &m)?;
    Ok(m)
}

fn native(name: &'static str, func: NativeFn) -> Value {
    Value::Native(Rc::new(NativeFunction { name, func, owner: None, is_method: false }))
}

// ---------------------------------------------------------------------------------------------
// reduce

fn reduce(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("reduce", &args)?;
    let pos = positional_count("reduce", &args, 2, 3)?;
    let it = ops::get_iter(vm, &pos[1])?;
    let mut acc = match pos.get(2) {
        Some(initial) => initial.clone(),
        None => match ops::next(vm, &it)? {
            Some(first) => first,
            None => return Err(PyErr::type_error("reduce() of empty iterable with no initial value")),
        },
    };
    while let Some(item) = ops::next(vm, &it)? {
        acc = vm.call(&pos[0], &[acc, item])?;
    }
    Ok(acc)
}

// ---------------------------------------------------------------------------------------------
// partial

struct Partial {
    func: Value,
    args: Vec<Value>,
    keywords: Rc<PyDict>,
}

impl NativeState for Partial {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        self.args.iter().for_each(&mut *visit);
        for (k, v) in self.keywords.items() {
            visit(&k);
            visit(&v);
        }
    }
}

crate::native_type!(partial_type, "partial", "functools", &[
    ("__new__", partial_new as NativeFn),
    ("__call__", partial_call as NativeFn),
    ("__repr__", partial_repr as NativeFn),
]);

fn make_partial(class: &Rc<PyType>, func: Value, args: Vec<Value>, keywords: Rc<PyDict>) -> Value {
    let func_value = func.clone();
    let args_value = Value::tuple(args.clone());
    let keywords_value = Value::Dict(keywords.clone());
    let obj = new_object(class, Partial { func, args, keywords }, true);
    if let Some(dict) = object_dict(&obj) {
        dict.set_str("func", func_value);
        dict.set_str("args", args_value);
        dict.set_str("keywords", keywords_value);
    }
    obj
}

fn partial_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let class = match args.args.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => partial_type(),
    };
    let pos = args.positional().get(1..).unwrap_or(&[]);
    let Some((func, rest)) = pos.split_first() else {
        return Err(PyErr::type_error("type 'partial' takes at least one argument"));
    };
    if !crate::builtins::functions::is_callable(func) {
        return Err(PyErr::type_error("the first argument must be callable"));
    }
    let keywords = Rc::new(PyDict::new());
    let (func, mut all_args) = match state_of::<Partial>(func) {
        // Flatten partial(partial(f, a), b) into partial(f, a, b) (exact partials only).
        Some(inner) if Rc::ptr_eq(&type_of(func), &partial_type()) => {
            for (k, v) in inner.keywords.items() {
                keywords.set(k, v)?;
            }
            (inner.func.clone(), inner.args.clone())
        }
        _ => (func.clone(), Vec::new()),
    };
    all_args.extend(rest.iter().cloned());
    for (k, v) in args.keywords() {
        keywords.set_str(k, v.clone());
    }
    let _ = vm;
    Ok(make_partial(&class, func, all_args, keywords))
}

fn partial_call(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let p = self_state::<Partial>(&args, "partial", "__call__")?;
    let extra = args.positional().get(1..).unwrap_or(&[]);
    let mut call_args: Vec<Value> = p.args.clone();
    call_args.extend(extra.iter().cloned());
    // Stored keywords, overridden by the call's.
    let merged = p.keywords.copy();
    for (k, v) in args.keywords() {
        merged.set_str(k, v.clone());
    }
    let mut kwnames = Vec::with_capacity(merged.len());
    for (k, v) in merged.items() {
        let Value::Str(name) = k else {
            return Err(PyErr::type_error("keywords must be strings"));
        };
        kwnames.push(name);
        call_args.push(v);
    }
    let func = p.func.clone();
    vm.call_kw(&func, &call_args, &kwnames)
}

fn partial_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let p = self_state::<Partial>(&args, "partial", "__repr__")?;
    let (func, call_args, keywords) = (p.func.clone(), p.args.clone(), p.keywords.items());
    let class = args.args.first().map(type_of);
    let qualname = match class {
        Some(c) if !Rc::ptr_eq(&c, &partial_type()) => c.name.to_string(),
        _ => "functools.partial".to_owned(),
    };
    let mut parts = vec![ops::repr(vm, &func)?];
    for a in &call_args {
        parts.push(ops::repr(vm, a)?);
    }
    for (k, v) in &keywords {
        parts.push(format!("{}={}", ops::to_str(vm, k)?, ops::repr(vm, v)?));
    }
    Ok(Value::string(format!("{qualname}({})", parts.join(", "))))
}

// ---------------------------------------------------------------------------------------------
// update_wrapper and wraps

fn copy_wrapper_attributes(vm: &mut Vm, wrapper: &Value, wrapped: &Value, assigned: &[Value], updated: &[Value]) -> PyResult<()> {
    for attr in assigned {
        let name = ops::to_str(vm, attr)?;
        match ops::getattr(vm, wrapped, &name) {
            Ok(v) => ops::setattr(vm, wrapper, &name, v)?,
            Err(e) if e.matches(TypeId::AttributeError) => {}
            Err(e) => return Err(e),
        }
    }
    for attr in updated {
        let name = ops::to_str(vm, attr)?;
        let target = ops::getattr(vm, wrapper, &name)?;
        let source = match ops::getattr(vm, wrapped, &name) {
            Ok(v) => v,
            Err(e) if e.matches(TypeId::AttributeError) => continue,
            Err(e) => return Err(e),
        };
        let update = ops::getattr(vm, &target, "update")?;
        vm.call(&update, &[source])?;
    }
    ops::setattr(vm, wrapper, "__wrapped__", wrapped.clone())
}

fn default_assigned() -> Vec<Value> {
    WRAPPER_ASSIGNMENTS.iter().map(|s| Value::str(s)).collect()
}

fn update_wrapper(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    use crate::modules::pyargs::{bind, PySignature};
    let sig = PySignature {
        name: "update_wrapper",
        params: &["wrapper", "wrapped", "assigned", "updated"],
        positional: 4,
        required: 2,
        self_offset: 0,
    };
    let [wrapper, wrapped, assigned, updated] = bind::<4>(&args, &sig)?;
    let (wrapper, wrapped) = (wrapper.unwrap_or(&Value::None), wrapped.unwrap_or(&Value::None));
    let assigned = match assigned {
        Some(a) => ops::collect(vm, a)?,
        None => default_assigned(),
    };
    let updated = match updated {
        Some(u) => ops::collect(vm, u)?,
        None => vec![Value::str("__dict__")],
    };
    copy_wrapper_attributes(vm, wrapper, wrapped, &assigned, &updated)?;
    Ok(wrapper.clone())
}

fn wraps(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    use crate::modules::pyargs::{bind, PySignature};
    let sig = PySignature { name: "wraps", params: &["wrapped", "assigned", "updated"], positional: 3, required: 1, self_offset: 0 };
    let [wrapped, assigned, updated] = bind::<3>(&args, &sig)?;
    let keywords = Rc::new(PyDict::new());
    keywords.set_str("wrapped", wrapped.cloned().unwrap_or(Value::None));
    keywords.set_str("assigned", assigned.cloned().unwrap_or_else(|| Value::tuple(default_assigned())));
    keywords.set_str("updated", updated.cloned().unwrap_or_else(|| Value::tuple(vec![Value::str("__dict__")])));
    let _ = vm;
    Ok(make_partial(&partial_type(), native("update_wrapper", update_wrapper), Vec::new(), keywords))
}

// ---------------------------------------------------------------------------------------------
// lru_cache

struct LruCache {
    func: Value,
    /// `None`: unbounded.
    maxsize: Option<usize>,
    typed: bool,
    /// Insertion order is recency order: the first entry is the least recently used.
    cache: Rc<PyDict>,
    hits: Cell<u64>,
    misses: Cell<u64>,
}

impl NativeState for LruCache {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        for (k, v) in self.cache.items() {
            visit(&k);
            visit(&v);
        }
    }
    fn clear(&self) {
        self.cache.clear();
    }
}

crate::native_type!(lru_wrapper_type, "_lru_cache_wrapper", "functools", &[
    ("__call__", lru_call as NativeFn),
    ("__get__", lru_get as NativeFn),
    ("cache_info", lru_cache_info as NativeFn),
    ("cache_clear", lru_cache_clear as NativeFn),
    ("cache_parameters", lru_cache_parameters as NativeFn),
]);

/// The cache key of a call: the arguments, then a marker and the keyword items, then the
/// argument types when `typed`; a lone int or str argument is its own key.
fn cache_key(args: &[Value], kwnames: &[Rc<PyStr>], typed: bool) -> Value {
    let npos = args.len() - kwnames.len();
    if kwnames.is_empty() && !typed && npos == 1 && matches!(args[0], Value::Int(_) | Value::BigInt(_) | Value::Str(_)) {
        return args[0].clone();
    }
    let mut key: Vec<Value> = args[..npos].to_vec();
    if !kwnames.is_empty() {
        key.push(Value::Type(lru_wrapper_type()));
        for (name, v) in kwnames.iter().zip(args[npos..].iter()) {
            key.push(Value::Str(name.clone()));
            key.push(v.clone());
        }
    }
    if typed {
        for v in args {
            key.push(Value::Type(type_of(v)));
        }
    }
    Value::tuple(key)
}

fn lru_call(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let c = self_state::<LruCache>(&args, "_lru_cache_wrapper", "__call__")?;
    let call_args = &args.args[1..];
    if c.maxsize == Some(0) {
        c.misses.set(c.misses.get() + 1);
        return vm.call_kw(&c.func, call_args, args.kwnames);
    }
    let key = cache_key(call_args, args.kwnames, c.typed);
    if let Some(v) = c.cache.get(&key)? {
        c.hits.set(c.hits.get() + 1);
        if c.maxsize.is_some() {
            // Move to the most recently used end.
            c.cache.remove(&key)?;
            c.cache.set(key, v.clone())?;
        }
        return Ok(v);
    }
    c.misses.set(c.misses.get() + 1);
    let result = vm.call_kw(&c.func, call_args, args.kwnames)?;
    if c.cache.contains_key(&key)? {
        // A recursive call cached it meanwhile.
        return Ok(result);
    }
    if let Some(max) = c.maxsize {
        while c.cache.len() >= max {
            let Some((oldest, _, _)) = c.cache.entry_from(0).map(|(p, k, v)| (k, v, p)) else {
                break;
            };
            c.cache.remove(&oldest)?;
        }
    }
    c.cache.set(key, result.clone())?;
    Ok(result)
}

fn lru_get(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let (Some(this), Some(instance)) = (pos.first(), pos.get(1)) else {
        return Err(PyErr::type_error("__get__ expected at least 1 argument, got 0"));
    };
    if matches!(instance, Value::None) {
        return Ok(this.clone());
    }
    Ok(Value::Method(Rc::new(PyMethod { func: this.clone(), self_value: instance.clone() })))
}

fn lru_cache_info(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let c = self_state::<LruCache>(&args, "_lru_cache_wrapper", "cache_info")?;
    let maxsize = c.maxsize.map_or(Value::None, |m| Value::Int(m as i64));
    let fields = [
        ("hits", Value::Int(c.hits.get() as i64)),
        ("misses", Value::Int(c.misses.get() as i64)),
        ("maxsize", maxsize),
        ("currsize", Value::Int(c.cache.len() as i64)),
    ];
    let tuple = Value::tuple(fields.iter().map(|(_, v)| v.clone()).collect());
    let info = new_subtype_object(&cache_info_type_tuple(), tuple, None);
    if let Some(dict) = object_dict(&info) {
        for (name, v) in fields {
            dict.set_str(name, v);
        }
    }
    Ok(info)
}

/// `CacheInfo` as a tuple subclass (indexing, unpacking and `==` act on the four numbers).
fn cache_info_type_tuple() -> Rc<PyType> {
    thread_local! {
        static TYPE: std::cell::OnceCell<Rc<PyType>> = const { std::cell::OnceCell::new() };
    }
    TYPE.with(|cell| {
        cell.get_or_init(|| {
            PyType::new_native_subtype("CacheInfo", "functools", TypeId::Tuple, &[("__repr__", cache_info_repr as NativeFn)])
        })
        .clone()
    })
}

fn cache_info_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let Some(this) = args.args.first() else {
        return Err(PyErr::type_error("__repr__ needs an argument"));
    };
    let mut parts = Vec::new();
    for name in ["hits", "misses", "maxsize", "currsize"] {
        let v = object_dict(this).and_then(|d| d.get_str(name)).unwrap_or(Value::None);
        parts.push(format!("{name}={}", ops::repr(vm, &v)?));
    }
    Ok(Value::string(format!("CacheInfo({})", parts.join(", "))))
}

fn lru_cache_clear(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let c = self_state::<LruCache>(&args, "_lru_cache_wrapper", "cache_clear")?;
    c.cache.clear();
    c.hits.set(0);
    c.misses.set(0);
    Ok(Value::None)
}

fn lru_cache_parameters(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let c = self_state::<LruCache>(&args, "_lru_cache_wrapper", "cache_parameters")?;
    let d = Rc::new(PyDict::new());
    d.set_str("maxsize", c.maxsize.map_or(Value::None, |m| Value::Int(m as i64)));
    d.set_str("typed", Value::bool(c.typed));
    Ok(Value::Dict(d))
}

fn make_lru_wrapper(vm: &mut Vm, func: Value, maxsize: Option<usize>, typed: bool) -> PyResult<Value> {
    if !crate::builtins::functions::is_callable(&func) {
        return Err(PyErr::type_error("the first argument must be callable"));
    }
    let state = LruCache {
        func: func.clone(),
        maxsize,
        typed,
        cache: Rc::new(PyDict::new()),
        hits: Cell::new(0),
        misses: Cell::new(0),
    };
    let wrapper = new_object(&lru_wrapper_type(), state, true);
    copy_wrapper_attributes(vm, &wrapper, &func, &default_assigned(), &[Value::str("__dict__")])?;
    Ok(wrapper)
}

/// Calls `make_lru_wrapper` for a decorator created by `lru_cache(maxsize, typed)`:
/// `args` are (maxsize, typed, user_function).
fn lru_decorate(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let [maxsize, typed, func] = pos else {
        return Err(PyErr::type_error(format!("decorating_function() takes 1 positional argument but {} were given", pos.len().saturating_sub(2))));
    };
    let maxsize = match maxsize {
        Value::Int(m) => Some((*m).max(0) as usize),
        _ => None,
    };
    let typed = ops::truthy(vm, typed)?;
    make_lru_wrapper(vm, func.clone(), maxsize, typed)
}

fn lru_cache(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    use crate::modules::pyargs::{bind, PySignature};
    let sig = PySignature { name: "lru_cache", params: &["maxsize", "typed"], positional: 2, required: 0, self_offset: 0 };
    let [maxsize, typed] = bind::<2>(&args, &sig)?;
    let typed_value = typed.cloned().unwrap_or(Value::bool(false));
    let maxsize = maxsize.cloned().unwrap_or(Value::Int(128));
    match &maxsize {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::None => {
            let m = match &maxsize {
                Value::None => Value::None,
                Value::BigInt(b) => Value::Int(if num_traits::Signed::is_negative(&**b) { 0 } else { i64::MAX }),
                other => Value::Int(crate::objects::int::index_i64(other)?.max(0)),
            };
            Ok(make_partial(&partial_type(), native("decorating_function", lru_decorate), vec![m, typed_value], Rc::new(PyDict::new())))
        }
        f if crate::builtins::functions::is_callable(f) => {
            let typed = ops::truthy(vm, &typed_value)?;
            make_lru_wrapper(vm, f.clone(), Some(128), typed)
        }
        _ => Err(PyErr::type_error("Expected first argument to be an integer, a callable, or None")),
    }
}

fn cache(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let func = crate::builtins::args::exactly_one("cache", &args)?;
    make_lru_wrapper(vm, func.clone(), None, false)
}

// ---------------------------------------------------------------------------------------------
// cmp_to_key

struct KeyWrapper {
    cmp: Value,
    obj: Option<Value>,
}

impl NativeState for KeyWrapper {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.cmp);
        if let Some(o) = &self.obj {
            visit(o);
        }
    }
}

crate::native_type!(key_wrapper_type, "KeyWrapper", "functools", &[
    ("__call__", key_call as NativeFn),
    ("__lt__", key_lt as NativeFn),
    ("__le__", key_le as NativeFn),
    ("__gt__", key_gt as NativeFn),
    ("__ge__", key_ge as NativeFn),
    ("__eq__", key_eq as NativeFn),
    ("__ne__", key_ne as NativeFn),
]);

fn cmp_to_key(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let sig = crate::builtins::args::Signature { name: "cmp_to_key", params: &["mycmp"], positional: 1, required: 1, positional_only: 0 };
    let [cmp] = crate::builtins::args::parse::<1>(&args, &sig)?;
    let cmp = cmp.cloned().unwrap_or(Value::None);
    let ty = key_wrapper_type();
    ty.dict.set_str("__hash__", Value::None);
    Ok(new_object(&ty, KeyWrapper { cmp, obj: None }, false))
}

fn key_call(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let k = self_state::<KeyWrapper>(&args, "functools.KeyWrapper", "__call__")?;
    no_kwargs("K", &args)?;
    let [_, obj] = args.positional() else {
        return Err(PyErr::type_error(format!("K() takes exactly 1 argument ({} given)", args.args.len().saturating_sub(1))));
    };
    Ok(new_object(&key_wrapper_type(), KeyWrapper { cmp: k.cmp.clone(), obj: Some(obj.clone()) }, false))
}

fn key_compare(vm: &mut Vm, args: CallArgs<'_>, op: CompareOp) -> PyResult<Value> {
    let k = self_state::<KeyWrapper>(&args, "functools.KeyWrapper", "__lt__")?;
    let Some(other) = args.args.get(1).and_then(state_of::<KeyWrapper>) else {
        return Err(PyErr::type_error("other argument must be K instance"));
    };
    let (Some(a), Some(b)) = (k.obj.clone(), other.obj.clone()) else {
        return Err(PyErr::attribute_error("object"));
    };
    let r = vm.call(&k.cmp, &[a, b])?;
    ops::compare(vm, op, &r, &Value::Int(0))
}

fn key_lt(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    key_compare(vm, args, CompareOp::Lt)
}
fn key_le(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    key_compare(vm, args, CompareOp::Le)
}
fn key_gt(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    key_compare(vm, args, CompareOp::Gt)
}
fn key_ge(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    key_compare(vm, args, CompareOp::Ge)
}
fn key_eq(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    key_compare(vm, args, CompareOp::Eq)
}
fn key_ne(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    key_compare(vm, args, CompareOp::Ne)
}

// ---------------------------------------------------------------------------------------------
// total_ordering

/// How a derived comparison combines the root's result `r` with equality.
#[derive(Clone, Copy)]
enum Derived {
    /// `not r and self != other`
    NotAndNe,
    /// `r or self == other`
    OrEq,
    /// `not r`
    Not,
    /// `not r or self == other`
    NotOrEq,
    /// `r and self != other`
    AndNe,
}

fn derived(vm: &mut Vm, args: CallArgs<'_>, root: &str, how: Derived) -> PyResult<Value> {
    let [this, other] = args.positional() else {
        return Err(PyErr::type_error("expected 2 arguments"));
    };
    let root_fn = ops::getattr(vm, &Value::Type(type_of(this)), root)?;
    let r = vm.call(&root_fn, &[this.clone(), other.clone()])?;
    if matches!(r, Value::NotImplemented) {
        return Ok(r);
    }
    let truth = ops::truthy(vm, &r)?;
    Ok(match how {
        Derived::NotAndNe => {
            if truth {
                Value::bool(false)
            } else {
                ops::compare(vm, CompareOp::Ne, this, other)?
            }
        }
        Derived::OrEq => {
            if truth {
                r
            } else {
                ops::compare(vm, CompareOp::Eq, this, other)?
            }
        }
        Derived::Not => Value::bool(!truth),
        Derived::NotOrEq => {
            if !truth {
                Value::bool(true)
            } else {
                ops::compare(vm, CompareOp::Eq, this, other)?
            }
        }
        Derived::AndNe => {
            if truth {
                ops::compare(vm, CompareOp::Ne, this, other)?
            } else {
                r
            }
        }
    })
}

macro_rules! derived_fn {
    ($name:ident, $root:expr, $how:expr) => {
        fn $name(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
            derived(vm, args, $root, $how)
        }
    };
}

derived_fn!(gt_from_lt, "__lt__", Derived::NotAndNe);
derived_fn!(le_from_lt, "__lt__", Derived::OrEq);
derived_fn!(ge_from_lt, "__lt__", Derived::Not);
derived_fn!(ge_from_le, "__le__", Derived::NotOrEq);
derived_fn!(lt_from_le, "__le__", Derived::AndNe);
derived_fn!(gt_from_le, "__le__", Derived::Not);
derived_fn!(lt_from_gt, "__gt__", Derived::NotAndNe);
derived_fn!(ge_from_gt, "__gt__", Derived::OrEq);
derived_fn!(le_from_gt, "__gt__", Derived::Not);
derived_fn!(le_from_ge, "__ge__", Derived::NotOrEq);
derived_fn!(gt_from_ge, "__ge__", Derived::AndNe);
derived_fn!(lt_from_ge, "__ge__", Derived::Not);

type Conversions = [(&'static str, NativeFn); 3];

fn conversions(root: &str) -> Conversions {
    match root {
        "__lt__" => [("__gt__", gt_from_lt), ("__le__", le_from_lt), ("__ge__", ge_from_lt)],
        "__le__" => [("__ge__", ge_from_le), ("__lt__", lt_from_le), ("__gt__", gt_from_le)],
        "__gt__" => [("__lt__", lt_from_gt), ("__ge__", ge_from_gt), ("__le__", le_from_gt)],
        _ => [("__le__", le_from_ge), ("__gt__", gt_from_ge), ("__lt__", lt_from_ge)],
    }
}

fn total_ordering(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let cls_value = crate::builtins::args::exactly_one("total_ordering", &args)?;
    let Value::Type(cls) = cls_value else {
        return Err(PyErr::value_error("must define at least one ordering operation: < > <= >="));
    };
    // An operation is defined when a class on the MRO other than `object` provides it.
    let defined = |name: &str| cls.mro().any(|t| t.builtin != Some(TypeId::Object) && t.dict.get_str(name).is_some());
    let roots: Vec<&str> = ["__lt__", "__le__", "__gt__", "__ge__"].into_iter().filter(|op| defined(op)).collect();
    // max() of the names: __lt__ > __le__ > __gt__ > __ge__.
    let Some(root) = roots.iter().copied().max() else {
        return Err(PyErr::value_error("must define at least one ordering operation: < > <= >="));
    };
    for (name, func) in conversions(root) {
        if !roots.contains(&name) {
            let method = Value::Native(Rc::new(NativeFunction { name, func, owner: None, is_method: true }));
            ops::setattr(vm, cls_value, name, method)?;
        }
    }
    Ok(cls_value.clone())
}
