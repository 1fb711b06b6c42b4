//! The dict subclasses of `collections`: `Counter`, `defaultdict` and `OrderedDict`. Each is
//! a Rust type deriving from `dict`: instances are `Value::Object`s whose `base_value` is the
//! dict holding the data, so every dict method and operation works on them unchanged; the
//! types add `__missing__`, their reprs, and their own methods.

use std::cell::RefCell;
use std::rc::Rc;

use crate::bytecode::opcodes::{BinaryOp, CompareOp};
use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::types::{type_of, PyType, TypeId};
use crate::ops;
use crate::value::{CallArgs, NativeFn, Value};
use crate::vm::Vm;

use crate::modules::support::{new_subtype_object, object_dict};

thread_local! {
    static TYPES: RefCell<Option<DictTypes>> = const { RefCell::new(None) };
}

#[derive(Clone)]
pub struct DictTypes {
    pub counter: Rc<PyType>,
    pub defaultdict: Rc<PyType>,
    pub ordered: Rc<PyType>,
}

/// The three types (created once per thread).
pub fn types() -> DictTypes {
    TYPES.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| DictTypes {
                counter: PyType::new_native_subtype("Counter", "collections", TypeId::Dict, COUNTER_METHODS),
                defaultdict: PyType::new_native_subtype("defaultdict", "collections", TypeId::Dict, DEFAULTDICT_METHODS),
                ordered: PyType::new_native_subtype("OrderedDict", "collections", TypeId::Dict, ORDERED_METHODS),
            })
            .clone()
    })
}

const COUNTER_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", dict_subtype_new),
    ("__init__", counter_init),
    ("__missing__", counter_missing),
    ("__getitem__", getitem_with_missing),
    ("__delitem__", counter_delitem),
    ("__repr__", counter_repr),
    ("__eq__", counter_eq),
    ("__ne__", counter_ne),
    ("__le__", counter_le),
    ("__lt__", counter_lt),
    ("__ge__", counter_ge),
    ("__gt__", counter_gt),
    ("__add__", counter_add),
    ("__sub__", counter_sub),
    ("__or__", counter_or),
    ("__and__", counter_and),
    ("__pos__", counter_pos),
    ("__neg__", counter_neg),
    ("__iadd__", counter_iadd),
    ("__isub__", counter_isub),
    ("__ior__", counter_ior),
    ("__iand__", counter_iand),
    ("most_common", counter_most_common),
    ("elements", counter_elements),
    ("update", counter_update),
    ("subtract", counter_subtract),
    ("total", counter_total),
    ("copy", copy_via_class),
    ("__copy__", copy_via_class),
];

const DEFAULTDICT_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", dict_subtype_new),
    ("__init__", defaultdict_init),
    ("__missing__", defaultdict_missing),
    ("__getitem__", getitem_with_missing),
    ("__repr__", defaultdict_repr),
    ("copy", defaultdict_copy),
    ("__copy__", defaultdict_copy),
];

const ORDERED_METHODS: &[(&str, NativeFn)] = &[
    ("__new__", dict_subtype_new),
    ("__init__", ordered_init),
    ("__repr__", ordered_repr),
    ("__eq__", ordered_eq),
    ("__ne__", ordered_ne),
    ("move_to_end", ordered_move_to_end),
    ("popitem", ordered_popitem),
    ("copy", copy_via_class),
    ("__copy__", copy_via_class),
];

// ---- shared --------------------------------------------------------------------------------

/// `__new__(cls, ...)`: an instance of `cls` over a new empty dict.
fn dict_subtype_new(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let Some(Value::Type(cls)) = args.args.first() else {
        return Err(PyErr::type_error("dict.__new__(X): X is not a type object"));
    };
    Ok(new_subtype_object(cls, Value::Dict(Rc::new(PyDict::new())), None))
}

/// The dict behind `v` (a dict, or an instance of a dict subclass).
pub fn dict_of(v: &Value) -> Option<&Rc<PyDict>> {
    match v {
        Value::Dict(d) => Some(d),
        Value::Object(o) => match &o.base_value {
            Value::Dict(d) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

fn self_dict<'a>(args: &CallArgs<'a>, type_name: &str, method: &str) -> PyResult<&'a Rc<PyDict>> {
    let first = args.args.first().ok_or_else(|| {
        PyErr::type_error(format!("descriptor '{method}' of '{type_name}' object needs an argument"))
    })?;
    dict_of(first).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{method}' for '{type_name}' objects doesn't apply to a '{}' object",
            type_of(first).name
        ))
    })
}

fn is_instance_of(v: &Value, ty: &Rc<PyType>) -> bool {
    matches!(v, Value::Object(o) if o.class().is_subtype_of(ty))
}

/// The single argument after `self`.
fn one_arg<'a>(args: &CallArgs<'a>, name: &str) -> PyResult<&'a Value> {
    match args.args.get(1..) {
        Some([one]) if args.kwnames.is_empty() => Ok(one),
        _ => Err(PyErr::type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.args.len().saturating_sub(1)
        ))),
    }
}

/// `d[key]` for dict subclasses with `__missing__`: the stored value, else
/// `type(d).__missing__(d, key)` (so subclasses can override it).
fn getitem_with_missing(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "dict", "__getitem__")?;
    let key = one_arg(&args, "__getitem__")?;
    if let Some(v) = dict.get(key)? {
        return Ok(v);
    }
    let me = &args.args[0];
    match type_of(me).lookup("__missing__") {
        Some(missing) => vm.call(&missing, &[me.clone(), key.clone()]),
        None => Err(PyErr::key_error(key.clone())),
    }
}

/// `type(self)(self)`: how `copy()` keeps the subclass.
fn copy_via_class(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let me = args.args.first().cloned().unwrap_or(Value::None);
    vm.call(&Value::Type(type_of(&me)), &[me])
}

/// Repr of the dict items of `dict` in the given order, as `{k: v, ...}`.
fn dict_text(vm: &mut Vm, items: &[(Value, Value)]) -> PyResult<String> {
    let mut out = String::from("{");
    for (i, (k, v)) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&ops::repr(vm, k)?);
        out.push_str(": ");
        out.push_str(&ops::repr(vm, v)?);
    }
    out.push('}');
    Ok(out)
}

thread_local! {
    /// Objects whose repr is being built (a container holding itself prints `...`).
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Run `f` unless `v`'s repr is already being built (then return `...`).
fn guarded_repr(v: &Value, f: impl FnOnce() -> PyResult<String>) -> PyResult<Value> {
    let addr = v.heap_ptr().unwrap_or(0);
    if REPR_ACTIVE.with(|a| a.borrow().contains(&addr)) {
        return Ok(Value::str("..."));
    }
    let _nest = ops::Nest::enter(" while getting the repr of an object")?;
    REPR_ACTIVE.with(|a| a.borrow_mut().push(addr));
    let result = f();
    REPR_ACTIVE.with(|a| a.borrow_mut().retain(|&x| x != addr));
    result.map(Value::string)
}

// ---- Counter ---------------------------------------------------------------------------

fn is_counter(v: &Value) -> bool {
    is_instance_of(v, &types().counter)
}

/// A new, empty plain `Counter`.
fn new_counter() -> (Value, Rc<PyDict>) {
    let dict = Rc::new(PyDict::new());
    (new_subtype_object(&types().counter, Value::Dict(dict.clone()), None), dict)
}

fn counter_init(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_update(vm, args)?;
    Ok(Value::None)
}

fn counter_missing(_vm: &mut Vm, _args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::Int(0))
}

fn counter_delitem(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "Counter", "__delitem__")?;
    let key = one_arg(&args, "__delitem__")?;
    let old = dict.remove(key)?;
    drop(old);
    Ok(Value::None)
}

/// `count + delta` with an int fast path.
fn add_counts(vm: &mut Vm, a: &Value, b: &Value, op: BinaryOp) -> PyResult<Value> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        let r = if op == BinaryOp::Add { x.checked_add(*y) } else { x.checked_sub(*y) };
        if let Some(r) = r {
            return Ok(Value::Int(r));
        }
    }
    ops::binary_op(vm, op, false, a, b)
}

/// `update` (op = Add) and `subtract` (op = Subtract).
fn counter_merge(vm: &mut Vm, args: &CallArgs<'_>, op: BinaryOp, name: &str) -> PyResult<()> {
    let dict = self_dict(args, "Counter", name)?.clone();
    let pos = args.positional();
    if pos.len() > 2 {
        return Err(PyErr::type_error(format!("expected at most 1 argument, got {}", pos.len() - 1)));
    }
    if let Some(source) = pos.get(1) {
        if !matches!(source, Value::None) {
            if let Some(mapping) = dict_of(source) {
                let items = mapping.items();
                if op == BinaryOp::Add && dict.is_empty() {
                    for (k, v) in items {
                        dict.set(k, v)?;
                    }
                } else {
                    for (k, v) in items {
                        let current = dict.get(&k)?.unwrap_or(Value::Int(0));
                        let updated = add_counts(vm, &current, &v, op)?;
                        dict.set(k, updated)?;
                    }
                }
            } else {
                let it = ops::get_iter(vm, source)?;
                while let Some(elem) = ops::next(vm, &it)? {
                    let current = dict.get(&elem)?.unwrap_or(Value::Int(0));
                    let updated = add_counts(vm, &current, &Value::Int(1), op)?;
                    dict.set(elem, updated)?;
                }
            }
        }
    }
    for (name, value) in args.keywords() {
        let key = Value::str(name);
        let current = dict.get(&key)?.unwrap_or(Value::Int(0));
        let updated = add_counts(vm, &current, value, op)?;
        dict.set(key, updated)?;
    }
    Ok(())
}

fn counter_update(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_merge(vm, &args, BinaryOp::Add, "update")?;
    Ok(Value::None)
}

fn counter_subtract(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_merge(vm, &args, BinaryOp::Sub, "subtract")?;
    Ok(Value::None)
}

fn counter_total(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "Counter", "total")?;
    let mut total = Value::Int(0);
    for v in dict.values() {
        total = add_counts(vm, &total, &v, BinaryOp::Add)?;
    }
    Ok(total)
}

/// Items sorted by count, largest first; ties keep insertion order (a stable sort).
fn sorted_by_count(vm: &mut Vm, dict: &PyDict) -> PyResult<Vec<(Value, Value)>> {
    let items = dict.items();
    if items.iter().all(|(_, v)| matches!(v, Value::Int(_))) {
        let mut items = items;
        items.sort_by(|a, b| match (&a.1, &b.1) {
            (Value::Int(x), Value::Int(y)) => y.cmp(x),
            _ => std::cmp::Ordering::Equal,
        });
        return Ok(items);
    }
    // General counts: a stable insertion sort with Python's `<`.
    let mut sorted: Vec<(Value, Value)> = Vec::with_capacity(items.len());
    for item in items {
        let mut pos = sorted.len();
        while pos > 0 && ops::lt(vm, &sorted[pos - 1].1, &item.1)? {
            pos -= 1;
        }
        sorted.insert(pos, item);
    }
    Ok(sorted)
}

fn counter_most_common(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "Counter", "most_common")?.clone();
    let mut n = None;
    if let Some(v) = args.positional().get(1) {
        if !matches!(v, Value::None) {
            n = Some(crate::objects::int::index_i64(v)?);
        }
    }
    for (name, value) in args.keywords() {
        if name != "n" {
            return Err(PyErr::type_error(format!("Counter.most_common() got an unexpected keyword argument '{name}'")));
        }
        if !matches!(value, Value::None) {
            n = Some(crate::objects::int::index_i64(value)?);
        }
    }
    let mut items = sorted_by_count(vm, &dict)?;
    if let Some(n) = n {
        items.truncate(n.max(0) as usize);
    }
    Ok(Value::list(items.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect()))
}

fn counter_elements(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "Counter", "elements")?;
    let mut out = Vec::new();
    for (k, v) in dict.items() {
        let count = match v {
            Value::Int(n) => n,
            Value::Bool(b) => i64::from(b.get()),
            Value::BigInt(_) => return Err(PyErr::overflow("cannot fit 'int' into an index-sized integer")),
            other => {
                return Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_of(&other).name
                )))
            }
        };
        for _ in 0..count.max(0) {
            if out.len() == out.capacity() {
                out.try_reserve(1).map_err(|_| PyErr::memory_error())?;
            }
            out.push(k.clone());
        }
    }
    ops::get_iter(vm, &Value::list(out))
}

fn counter_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "Counter", "__repr__")?.clone();
    let me = args.args[0].clone();
    let name = type_of(&me).name.to_string();
    if dict.is_empty() {
        return Ok(Value::string(format!("{name}()")));
    }
    guarded_repr(&me, || {
        let items = match sorted_by_count(vm, &dict) {
            Ok(items) => items,
            Err(e) if e.matches(TypeId::TypeError) => dict.items(),
            Err(e) => return Err(e),
        };
        Ok(format!("{name}({})", dict_text(vm, &items)?))
    })
}

/// The count of `key` in a Counter's dict (0 when absent).
fn count_of(dict: &PyDict, key: &Value) -> PyResult<Value> {
    Ok(dict.get(key)?.unwrap_or(Value::Int(0)))
}

fn is_positive(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    match v {
        Value::Int(n) => Ok(*n > 0),
        other => ops::lt(vm, &Value::Int(0), other),
    }
}

/// `self OP other` for two Counters, keeping positive counts; `combine` merges two counts.
fn counter_binary(
    vm: &mut Vm,
    args: &CallArgs<'_>,
    combine: fn(&mut Vm, &Value, &Value) -> PyResult<Value>,
    keep_other_only: fn(&mut Vm, &Value) -> PyResult<Option<Value>>,
) -> PyResult<Value> {
    let me = self_dict(args, "Counter", "__add__")?.clone();
    let other_value = one_arg(args, "__add__")?;
    if !is_counter(other_value) {
        return Ok(Value::NotImplemented);
    }
    let Some(other) = dict_of(other_value).cloned() else { return Ok(Value::NotImplemented) };
    let (result, out) = new_counter();
    for (k, v) in me.items() {
        let o = count_of(&other, &k)?;
        let merged = combine(vm, &v, &o)?;
        if is_positive(vm, &merged)? {
            out.set(k, merged)?;
        }
    }
    for (k, v) in other.items() {
        if !me.contains_key(&k)? {
            if let Some(kept) = keep_other_only(vm, &v)? {
                out.set(k, kept)?;
            }
        }
    }
    Ok(result)
}

fn keep_if_positive(vm: &mut Vm, v: &Value) -> PyResult<Option<Value>> {
    Ok(if is_positive(vm, v)? { Some(v.clone()) } else { None })
}

fn keep_negated_if_negative(vm: &mut Vm, v: &Value) -> PyResult<Option<Value>> {
    let negated = add_counts(vm, &Value::Int(0), v, BinaryOp::Sub)?;
    Ok(if is_positive(vm, &negated)? { Some(negated) } else { None })
}

fn keep_none(_vm: &mut Vm, _v: &Value) -> PyResult<Option<Value>> {
    Ok(None)
}

fn plus(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    add_counts(vm, a, b, BinaryOp::Add)
}
fn minus(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    add_counts(vm, a, b, BinaryOp::Sub)
}
fn maximum(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    Ok(if ops::lt(vm, a, b)? { b.clone() } else { a.clone() })
}
fn minimum(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    Ok(if ops::lt(vm, b, a)? { b.clone() } else { a.clone() })
}

fn counter_add(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_binary(vm, &args, plus, keep_if_positive)
}
fn counter_sub(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_binary(vm, &args, minus, keep_negated_if_negative)
}
fn counter_or(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_binary(vm, &args, maximum, keep_if_positive)
}
fn counter_and(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_binary(vm, &args, minimum, keep_none)
}

/// `+c` (keep positive counts) and `-c` (negate, keep positive).
fn counter_unary(vm: &mut Vm, args: &CallArgs<'_>, negate: bool) -> PyResult<Value> {
    let me = self_dict(args, "Counter", "__pos__")?.clone();
    let (result, out) = new_counter();
    for (k, v) in me.items() {
        let v = if negate { add_counts(vm, &Value::Int(0), &v, BinaryOp::Sub)? } else { v };
        if is_positive(vm, &v)? {
            out.set(k, v)?;
        }
    }
    Ok(result)
}

fn counter_pos(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_unary(vm, &args, false)
}
fn counter_neg(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_unary(vm, &args, true)
}

/// In-place `self OP= other`: merge every count of `other`, then drop non-positive counts.
fn counter_inplace(
    vm: &mut Vm,
    args: &CallArgs<'_>,
    combine: fn(&mut Vm, &Value, &Value) -> PyResult<Value>,
    intersect: bool,
) -> PyResult<Value> {
    let me = self_dict(args, "Counter", "__iadd__")?.clone();
    let other_value = one_arg(args, "__iadd__")?;
    if !is_counter(other_value) {
        return Ok(Value::NotImplemented);
    }
    let Some(other) = dict_of(other_value).cloned() else { return Ok(Value::NotImplemented) };
    if intersect {
        for (k, v) in me.items() {
            let o = count_of(&other, &k)?;
            let merged = combine(vm, &v, &o)?;
            me.set(k, merged)?;
        }
    } else {
        for (k, v) in other.items() {
            let current = count_of(&me, &k)?;
            let merged = combine(vm, &current, &v)?;
            me.set(k, merged)?;
        }
    }
    for (k, v) in me.items() {
        if !is_positive(vm, &v)? {
            me.remove(&k)?;
        }
    }
    Ok(args.args[0].clone())
}

fn counter_iadd(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_inplace(vm, &args, plus, false)
}
fn counter_isub(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_inplace(vm, &args, minus, false)
}
fn counter_ior(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_inplace(vm, &args, maximum, false)
}
fn counter_iand(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_inplace(vm, &args, minimum, true)
}

/// Multiset comparison: `test(self[e], other[e])` for every element of either Counter.
fn counter_compare(vm: &mut Vm, args: &CallArgs<'_>, op: CompareOp) -> PyResult<Value> {
    let me = self_dict(args, "Counter", "__eq__")?.clone();
    let other_value = one_arg(args, "__eq__")?;
    if !is_counter(other_value) {
        return Ok(Value::NotImplemented);
    }
    let Some(other) = dict_of(other_value).cloned() else { return Ok(Value::NotImplemented) };
    let elem_op = match op {
        CompareOp::Eq | CompareOp::Ne => CompareOp::Eq,
        CompareOp::Le | CompareOp::Lt => CompareOp::Le,
        _ => CompareOp::Ge,
    };
    let mut all = true;
    for source in [&me, &other] {
        for k in source.keys() {
            let a = count_of(&me, &k)?;
            let b = count_of(&other, &k)?;
            if !ops::compare_bool(vm, elem_op, &a, &b)? {
                all = false;
                break;
            }
        }
        if !all {
            break;
        }
    }
    let result = match op {
        CompareOp::Eq | CompareOp::Le | CompareOp::Ge => all,
        CompareOp::Ne => !all,
        CompareOp::Lt | CompareOp::Gt => {
            if !all {
                false
            } else {
                let mut equal = true;
                for source in [&me, &other] {
                    for k in source.keys() {
                        let a = count_of(&me, &k)?;
                        let b = count_of(&other, &k)?;
                        if !ops::eq(vm, &a, &b)? {
                            equal = false;
                        }
                    }
                }
                !equal
            }
        }
    };
    Ok(Value::bool(result))
}

fn counter_eq(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_compare(vm, &args, CompareOp::Eq)
}
fn counter_ne(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_compare(vm, &args, CompareOp::Ne)
}
fn counter_le(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_compare(vm, &args, CompareOp::Le)
}
fn counter_lt(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_compare(vm, &args, CompareOp::Lt)
}
fn counter_ge(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_compare(vm, &args, CompareOp::Ge)
}
fn counter_gt(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    counter_compare(vm, &args, CompareOp::Gt)
}

// ---- defaultdict -------------------------------------------------------------------------

fn default_factory(v: &Value) -> Value {
    object_dict(v).and_then(|d| d.get_str("default_factory")).unwrap_or(Value::None)
}

fn defaultdict_init(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "collections.defaultdict", "__init__")?.clone();
    let me = &args.args[0];
    let pos = args.positional();
    let factory = pos.get(1).cloned().unwrap_or(Value::None);
    if !matches!(factory, Value::None) && !is_callable(&factory) {
        return Err(PyErr::type_error("first argument must be callable or None"));
    }
    if let Some(d) = object_dict(me) {
        d.set_str("default_factory", factory);
    }
    match pos.get(2..) {
        Some([]) | None => {}
        Some([source]) => crate::builtins::constructors::update_dict_from(vm, &dict, source)?,
        Some(more) => {
            return Err(PyErr::type_error(format!("dict expected at most 1 argument, got {}", more.len())))
        }
    }
    for (name, value) in args.keywords() {
        dict.set(Value::str(name), value.clone())?;
    }
    Ok(Value::None)
}

/// Whether `v` can be called (functions, types, bound methods, objects with `__call__`).
fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::Type(_) => true,
        Value::Object(o) => o.class().lookup("__call__").is_some(),
        _ => false,
    }
}

fn defaultdict_missing(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "collections.defaultdict", "__missing__")?.clone();
    let key = one_arg(&args, "__missing__")?.clone();
    let factory = default_factory(&args.args[0]);
    if matches!(factory, Value::None) {
        return Err(PyErr::key_error(key));
    }
    let value = vm.call(&factory, &[])?;
    dict.set(key, value.clone())?;
    Ok(value)
}

fn defaultdict_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "collections.defaultdict", "__repr__")?.clone();
    let me = args.args[0].clone();
    let name = type_of(&me).name.to_string();
    let factory = default_factory(&me);
    guarded_repr(&me, || {
        let factory_text = ops::repr(vm, &factory)?;
        let body = dict_text(vm, &dict.items())?;
        Ok(format!("{name}({factory_text}, {body})"))
    })
}

fn defaultdict_copy(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let me = args.args.first().cloned().unwrap_or(Value::None);
    let factory = default_factory(&me);
    vm.call(&Value::Type(type_of(&me)), &[factory, me])
}

// ---- OrderedDict -------------------------------------------------------------------------

fn ordered_init(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "collections.OrderedDict", "__init__")?.clone();
    match args.positional().get(1..) {
        Some([]) | None => {}
        Some([source]) => crate::builtins::constructors::update_dict_from(vm, &dict, source)?,
        Some(more) => {
            return Err(PyErr::type_error(format!("expected at most 1 argument, got {}", more.len())))
        }
    }
    for (name, value) in args.keywords() {
        dict.set(Value::str(name), value.clone())?;
    }
    Ok(Value::None)
}

fn ordered_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "collections.OrderedDict", "__repr__")?.clone();
    let me = args.args[0].clone();
    let name = type_of(&me).name.to_string();
    if dict.is_empty() {
        return Ok(Value::string(format!("{name}()")));
    }
    guarded_repr(&me, || {
        let pairs = Value::list(dict.items().into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect());
        Ok(format!("{name}({})", ops::repr(vm, &pairs)?))
    })
}

/// `==`: order-sensitive between two OrderedDicts, a plain dict comparison otherwise.
fn ordered_equal(vm: &mut Vm, args: &CallArgs<'_>) -> PyResult<Option<bool>> {
    let me = self_dict(args, "collections.OrderedDict", "__eq__")?.clone();
    let other_value = one_arg(args, "__eq__")?;
    let Some(other) = dict_of(other_value).cloned() else { return Ok(None) };
    if is_instance_of(other_value, &types().ordered) {
        let a = me.items();
        let b = other.items();
        if a.len() != b.len() {
            return Ok(Some(false));
        }
        for ((k1, v1), (k2, v2)) in a.iter().zip(b.iter()) {
            if !ops::eq(vm, k1, k2)? || !ops::eq(vm, v1, v2)? {
                return Ok(Some(false));
            }
        }
        return Ok(Some(true));
    }
    Ok(Some(ops::eq(vm, &Value::Dict(me), &Value::Dict(other))?))
}

fn ordered_eq(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(ordered_equal(vm, &args)?.map_or(Value::NotImplemented, Value::bool))
}

fn ordered_ne(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(ordered_equal(vm, &args)?.map_or(Value::NotImplemented, |b| Value::bool(!b)))
}

fn last_flag(vm: &mut Vm, args: &CallArgs<'_>, position: usize) -> PyResult<bool> {
    let mut last = args.positional().get(position).cloned();
    for (name, value) in args.keywords() {
        if name == "last" {
            last = Some(value.clone());
        } else {
            return Err(PyErr::type_error(format!("'{name}' is an invalid keyword argument for this function")));
        }
    }
    match last {
        Some(v) => ops::truthy(vm, &v),
        None => Ok(true),
    }
}

fn ordered_move_to_end(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "collections.OrderedDict", "move_to_end")?.clone();
    let Some(key) = args.positional().get(1).cloned() else {
        return Err(PyErr::type_error("move_to_end() missing required argument 'key' (pos 1)"));
    };
    let last = last_flag(vm, &args, 2)?;
    let Some(value) = dict.remove(&key)? else {
        return Err(PyErr::key_error(key));
    };
    if last {
        dict.set(key, value)?;
    } else {
        let rest = dict.items();
        dict.clear();
        dict.set(key, value)?;
        for (k, v) in rest {
            dict.set(k, v)?;
        }
    }
    Ok(Value::None)
}

fn ordered_popitem(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let dict = self_dict(&args, "collections.OrderedDict", "popitem")?.clone();
    let last = last_flag(vm, &args, 1)?;
    if dict.is_empty() {
        return Err(PyErr::key_error(Value::str("dictionary is empty")));
    }
    let (k, v) = if last {
        dict.pop_last().ok_or_else(|| PyErr::key_error(Value::str("dictionary is empty")))?
    } else {
        let Some((_, k, v)) = dict.entry_from(0) else {
            return Err(PyErr::key_error(Value::str("dictionary is empty")));
        };
        dict.remove(&k)?;
        (k, v)
    };
    Ok(Value::tuple(vec![k, v]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_types_derive_from_dict() {
        let t = types();
        for ty in [&t.counter, &t.defaultdict, &t.ordered] {
            assert_eq!(ty.base_builtin(), TypeId::Dict);
            assert!(ty.lookup("__missing__").is_some() || Rc::ptr_eq(ty, &t.ordered));
        }
    }
}
