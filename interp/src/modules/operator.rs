//! The `operator` module: every operator as a function (`add`, `lt`, `getitem`, `iadd`, ...,
//! with their `__dunder__` aliases) and the callable types `itemgetter`, `attrgetter` and
//! `methodcaller`, implemented in Rust as native types.

use std::rc::Rc;

use crate::builtins::args::{exactly_one, no_kwargs, positional_count};
use crate::bytecode::opcodes::{BinaryOp, CompareOp};
use crate::error::{PyErr, PyResult};
use crate::modules::math::{index_vm, type_name_of};
use crate::objects::str::PyStr;
use crate::objects::types::PyType;
use crate::ops;
use crate::modules::support::{new_object, self_state};
use crate::value::{CallArgs, NativeFn, NativeState, PyModule, Value};
use crate::vm::Vm;

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("operator");
    for &(name, func) in FUNCTIONS {
        m.add_function(name, func);
        let bare = name.trim_end_matches('_');
        if !matches!(name, "countOf" | "indexOf" | "is_" | "is_not" | "length_hint" | "truth") {
            let dunder: &'static str = Box::leak(format!("__{bare}__").into_boxed_str());
            m.add_function(dunder, func);
        }
    }
    m.add("itemgetter", Value::Type(itemgetter_type()));
    m.add("attrgetter", Value::Type(attrgetter_type()));
    m.add("methodcaller", Value::Type(methodcaller_type()));
    Ok(m)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("abs", abs),
    ("add", add),
    ("and_", and_),
    ("call", call),
    ("concat", concat),
    ("contains", contains),
    ("countOf", count_of),
    ("delitem", delitem),
    ("eq", eq),
    ("floordiv", floordiv),
    ("ge", ge),
    ("getitem", getitem),
    ("gt", gt),
    ("iadd", iadd),
    ("iand", iand),
    ("iconcat", iconcat),
    ("ifloordiv", ifloordiv),
    ("ilshift", ilshift),
    ("imatmul", imatmul),
    ("imod", imod),
    ("imul", imul),
    ("index", index),
    ("indexOf", index_of),
    ("inv", invert),
    ("invert", invert),
    ("ior", ior),
    ("ipow", ipow),
    ("irshift", irshift),
    ("is_", is_),
    ("is_not", is_not),
    ("isub", isub),
    ("itruediv", itruediv),
    ("ixor", ixor),
    ("le", le),
    ("length_hint", length_hint),
    ("lshift", lshift),
    ("lt", lt),
    ("matmul", matmul),
    ("mod", mod_),
    ("mul", mul),
    ("ne", ne),
    ("neg", neg),
    ("not_", not_),
    ("or_", or_),
    ("pos", pos),
    ("pow", pow),
    ("rshift", rshift),
    ("setitem", setitem),
    ("sub", sub),
    ("truediv", truediv),
    ("truth", truth),
    ("xor", xor),
];

fn two<'a>(name: &str, args: &CallArgs<'a>) -> PyResult<&'a [Value]> {
    no_kwargs(name, args)?;
    positional_count(name, args, 2, 2)
}

macro_rules! binary {
    ($fn_name:ident, $name:expr, $op:expr, $inplace:expr) => {
        fn $fn_name(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
            let pos = two($name, &args)?;
            ops::binary_op(vm, $op, $inplace, &pos[0], &pos[1])
        }
    };
}

binary!(add, "add", BinaryOp::Add, false);
binary!(sub, "sub", BinaryOp::Sub, false);
binary!(mul, "mul", BinaryOp::Mul, false);
binary!(matmul, "matmul", BinaryOp::MatMul, false);
binary!(truediv, "truediv", BinaryOp::TrueDiv, false);
binary!(floordiv, "floordiv", BinaryOp::FloorDiv, false);
binary!(mod_, "mod", BinaryOp::Mod, false);
binary!(pow, "pow", BinaryOp::Pow, false);
binary!(lshift, "lshift", BinaryOp::LShift, false);
binary!(rshift, "rshift", BinaryOp::RShift, false);
binary!(and_, "and_", BinaryOp::And, false);
binary!(or_, "or_", BinaryOp::Or, false);
binary!(xor, "xor", BinaryOp::Xor, false);
binary!(iadd, "iadd", BinaryOp::Add, true);
binary!(isub, "isub", BinaryOp::Sub, true);
binary!(imul, "imul", BinaryOp::Mul, true);
binary!(imatmul, "imatmul", BinaryOp::MatMul, true);
binary!(itruediv, "itruediv", BinaryOp::TrueDiv, true);
binary!(ifloordiv, "ifloordiv", BinaryOp::FloorDiv, true);
binary!(imod, "imod", BinaryOp::Mod, true);
binary!(ipow, "ipow", BinaryOp::Pow, true);
binary!(ilshift, "ilshift", BinaryOp::LShift, true);
binary!(irshift, "irshift", BinaryOp::RShift, true);
binary!(iand, "iand", BinaryOp::And, true);
binary!(ior, "ior", BinaryOp::Or, true);
binary!(ixor, "ixor", BinaryOp::Xor, true);

macro_rules! comparison {
    ($fn_name:ident, $name:expr, $op:expr) => {
        fn $fn_name(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
            let pos = two($name, &args)?;
            ops::compare(vm, $op, &pos[0], &pos[1])
        }
    };
}

comparison!(lt, "lt", CompareOp::Lt);
comparison!(le, "le", CompareOp::Le);
comparison!(eq, "eq", CompareOp::Eq);
comparison!(ne, "ne", CompareOp::Ne);
comparison!(gt, "gt", CompareOp::Gt);
comparison!(ge, "ge", CompareOp::Ge);

fn one<'a>(name: &str, args: &CallArgs<'a>) -> PyResult<&'a Value> {
    exactly_one(&format!("_operator.{name}"), args)
}

fn neg(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = one("neg", &args)?;
    ops::negative(vm, v)
}

fn pos(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = one("pos", &args)?;
    ops::positive(vm, v)
}

fn invert(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = one("invert", &args)?;
    ops::invert(vm, v)
}

fn abs(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = one("abs", &args)?;
    crate::builtins::functions::builtin_abs(vm, CallArgs::new(std::slice::from_ref(v)))
}

fn not_(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = one("not_", &args)?;
    Ok(Value::bool(!ops::truthy(vm, v)?))
}

fn truth(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = one("truth", &args)?;
    Ok(Value::bool(ops::truthy(vm, v)?))
}

fn index(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = one("index", &args)?;
    index_vm(vm, v)
}

fn is_(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = two("is_", &args)?;
    Ok(Value::bool(pos[0].is(&pos[1])))
}

fn is_not(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = two("is_not", &args)?;
    Ok(Value::bool(!pos[0].is(&pos[1])))
}

fn getitem(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = two("getitem", &args)?;
    ops::getitem(vm, &pos[0], &pos[1])
}

fn setitem(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("setitem", &args)?;
    let pos = positional_count("setitem", &args, 3, 3)?;
    ops::setitem(vm, &pos[0], &pos[1], pos[2].clone())?;
    Ok(Value::None)
}

fn delitem(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = two("delitem", &args)?;
    ops::delitem(vm, &pos[0], &pos[1])?;
    Ok(Value::None)
}

fn contains(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = two("contains", &args)?;
    Ok(Value::bool(ops::contains(vm, &pos[0], &pos[1])?))
}

fn is_sequence(v: &Value) -> bool {
    match v {
        Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_) | Value::ByteArray(_) | Value::Range(_) => true,
        Value::Object(_) => ops::lookup_method(v, "__getitem__").is_some(),
        _ => false,
    }
}

fn concat_impl(vm: &mut Vm, name: &str, args: &CallArgs<'_>, inplace: bool) -> PyResult<Value> {
    let pos = two(name, args)?;
    if !is_sequence(&pos[0]) {
        return Err(PyErr::type_error(format!("'{}' object can't be concatenated", type_name_of(&pos[0]))));
    }
    ops::binary_op(vm, BinaryOp::Add, inplace, &pos[0], &pos[1])
}

fn concat(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    concat_impl(vm, "concat", &args, false)
}

fn iconcat(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    concat_impl(vm, "iconcat", &args, true)
}

fn count_of(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = two("countOf", &args)?;
    let it = ops::get_iter(vm, &pos[0])?;
    let mut count = 0i64;
    while let Some(item) = ops::next(vm, &it)? {
        if item.is(&pos[1]) || ops::eq(vm, &item, &pos[1])? {
            count += 1;
        }
    }
    Ok(Value::Int(count))
}

fn index_of(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = two("indexOf", &args)?;
    let it = ops::get_iter(vm, &pos[0])?;
    let mut i = 0i64;
    while let Some(item) = ops::next(vm, &it)? {
        if item.is(&pos[1]) || ops::eq(vm, &item, &pos[1])? {
            return Ok(Value::Int(i));
        }
        i += 1;
    }
    Err(PyErr::value_error("sequence.index(x): x not in sequence"))
}

fn length_hint(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("length_hint", &args)?;
    let pos = positional_count("length_hint", &args, 1, 2)?;
    let default = match pos.get(1) {
        Some(d) => crate::objects::int::index_i64(&index_vm(vm, d)?)?,
        None => 0,
    };
    if let Ok(n) = ops::len(vm, &pos[0]) {
        return Ok(Value::Int(n as i64));
    }
    if let Value::Iter(it) = &pos[0] {
        use crate::objects::iter::IterKind;
        let remaining = match &*it.state.borrow() {
            IterKind::List { list, index } => Some(list.items.borrow().len().saturating_sub(*index)),
            IterKind::Tuple { tuple, index } => Some(tuple.items.len().saturating_sub(*index)),
            IterKind::ListReversed { remaining, .. } | IterKind::TupleReversed { remaining, .. } => Some(*remaining),
            IterKind::Range { next, stop, step } => {
                let span = if *step > 0 { (*stop as i128 - *next as i128 + *step as i128 - 1) / *step as i128 } else { (*next as i128 - *stop as i128 - *step as i128 - 1) / -(*step as i128) };
                Some(span.max(0) as usize)
            }
            _ => None,
        };
        if let Some(n) = remaining {
            return Ok(Value::Int(n as i64));
        }
    }
    Ok(Value::Int(default))
}

fn call(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let Some((func, rest)) = args.args.split_first() else {
        return Err(PyErr::type_error("call() missing 1 required positional argument: 'obj'"));
    };
    if args.positional().is_empty() {
        return Err(PyErr::type_error("call() missing 1 required positional argument: 'obj'"));
    }
    vm.call_kw(func, rest, args.kwnames)
}

// ---------------------------------------------------------------------------------------------
// Native callable types.

crate::native_type!(itemgetter_type, "itemgetter", "operator", &[
    ("__new__", itemgetter_new),
    ("__call__", itemgetter_call),
    ("__repr__", itemgetter_repr),
]);
crate::native_type!(attrgetter_type, "attrgetter", "operator", &[
    ("__new__", attrgetter_new),
    ("__call__", attrgetter_call),
    ("__repr__", attrgetter_repr),
]);
crate::native_type!(methodcaller_type, "methodcaller", "operator", &[
    ("__new__", methodcaller_new),
    ("__call__", methodcaller_call),
    ("__repr__", methodcaller_repr),
]);

struct ItemGetter {
    items: Vec<Value>,
}

impl NativeState for ItemGetter {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        self.items.iter().for_each(visit);
    }
}

/// The constructor arguments after the class.
fn ctor_args<'a>(args: &CallArgs<'a>) -> &'a [Value] {
    args.positional().get(1..).unwrap_or(&[])
}

fn class_arg(args: &CallArgs<'_>, fallback: fn() -> Rc<PyType>) -> Rc<PyType> {
    match args.args.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => fallback(),
    }
}

fn itemgetter_new(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("itemgetter", &args)?;
    let items = ctor_args(&args);
    if items.is_empty() {
        return Err(PyErr::type_error("itemgetter expected 1 argument, got 0"));
    }
    Ok(new_object(&class_arg(&args, itemgetter_type), ItemGetter { items: items.to_vec() }, false))
}

fn single_call_arg<'a>(name: &str, args: &CallArgs<'a>) -> PyResult<&'a Value> {
    no_kwargs(name, args)?;
    match args.positional() {
        [_, obj] => Ok(obj),
        other => Err(PyErr::type_error(format!("{name} expected 1 argument, got {}", other.len().saturating_sub(1)))),
    }
}

fn itemgetter_call(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let state = self_state::<ItemGetter>(&args, "itemgetter", "__call__")?;
    let obj = single_call_arg("itemgetter", &args)?;
    if let [item] = state.items.as_slice() {
        return ops::getitem(vm, obj, item);
    }
    let mut out = Vec::with_capacity(state.items.len());
    for item in &state.items {
        out.push(ops::getitem(vm, obj, item)?);
    }
    Ok(Value::tuple(out))
}

fn joined_reprs(vm: &mut Vm, values: &[Value]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(values.len());
    for v in values {
        parts.push(ops::repr(vm, v)?);
    }
    Ok(parts.join(", "))
}

fn itemgetter_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let state = self_state::<ItemGetter>(&args, "itemgetter", "__repr__")?;
    let items = state.items.clone();
    Ok(Value::string(format!("operator.itemgetter({})", joined_reprs(vm, &items)?)))
}

struct AttrGetter {
    /// Each requested attribute as its dotted path.
    paths: Vec<Vec<Rc<str>>>,
    names: Vec<Value>,
}

impl NativeState for AttrGetter {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        self.names.iter().for_each(visit);
    }
}

fn attrgetter_new(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("attrgetter", &args)?;
    let names = ctor_args(&args);
    if names.is_empty() {
        return Err(PyErr::type_error("attrgetter expected 1 argument, got 0"));
    }
    let mut paths = Vec::with_capacity(names.len());
    for name in names {
        let Value::Str(s) = name else {
            return Err(PyErr::type_error("attribute name must be a string"));
        };
        paths.push(s.as_str().split('.').map(Rc::from).collect());
    }
    Ok(new_object(&class_arg(&args, attrgetter_type), AttrGetter { paths, names: names.to_vec() }, false))
}

fn attrgetter_call(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let state = self_state::<AttrGetter>(&args, "attrgetter", "__call__")?;
    let obj = single_call_arg("attrgetter", &args)?;
    let paths = state.paths.clone();
    let mut out = Vec::with_capacity(paths.len());
    for path in &paths {
        let mut v = obj.clone();
        for part in path {
            v = ops::getattr(vm, &v, part)?;
        }
        out.push(v);
    }
    if out.len() == 1 {
        return Ok(out.pop().unwrap_or(Value::None));
    }
    Ok(Value::tuple(out))
}

fn attrgetter_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let state = self_state::<AttrGetter>(&args, "attrgetter", "__repr__")?;
    let names = state.names.clone();
    Ok(Value::string(format!("operator.attrgetter({})", joined_reprs(vm, &names)?)))
}

struct MethodCaller {
    name: Value,
    args: Vec<Value>,
    kwnames: Vec<Rc<PyStr>>,
}

impl NativeState for MethodCaller {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.name);
        self.args.iter().for_each(visit);
    }
}

fn methodcaller_new(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = ctor_args(&args);
    let Some(name) = pos.first() else {
        return Err(PyErr::type_error("methodcaller needs at least one argument, the method name"));
    };
    if !matches!(name, Value::Str(_)) {
        return Err(PyErr::type_error("method name must be a string"));
    }
    // Positional arguments after the name, then the keyword values.
    let call_args: Vec<Value> = args.args.get(2..).unwrap_or(&[]).to_vec();
    Ok(new_object(
        &class_arg(&args, methodcaller_type),
        MethodCaller { name: name.clone(), args: call_args, kwnames: args.kwnames.to_vec() },
        false,
    ))
}

fn methodcaller_call(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let state = self_state::<MethodCaller>(&args, "methodcaller", "__call__")?;
    let obj = single_call_arg("methodcaller", &args)?;
    let Value::Str(name) = &state.name else {
        return Err(PyErr::type_error("method name must be a string"));
    };
    let method = ops::getattr(vm, obj, name.as_str())?;
    let (call_args, kwnames) = (state.args.clone(), state.kwnames.clone());
    vm.call_kw(&method, &call_args, &kwnames)
}

fn methodcaller_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let state = self_state::<MethodCaller>(&args, "methodcaller", "__repr__")?;
    let (name, call_args, kwnames) = (state.name.clone(), state.args.clone(), state.kwnames.clone());
    let mut parts = vec![ops::repr(vm, &name)?];
    let positional = call_args.len().saturating_sub(kwnames.len());
    for v in call_args.iter().take(positional) {
        parts.push(ops::repr(vm, v)?);
    }
    for (k, v) in kwnames.iter().zip(call_args.iter().skip(positional)) {
        parts.push(format!("{}={}", k.as_str(), ops::repr(vm, v)?));
    }
    Ok(Value::string(format!("operator.methodcaller({})", parts.join(", "))))
}
