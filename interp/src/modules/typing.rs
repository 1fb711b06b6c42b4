//! The `typing` module, enough for annotations to evaluate and print like CPython's: the
//! special forms (`Any`, `Union`, `Optional`, `Callable`, `Literal`, ...), the generic aliases
//! (`List[int]`, `Dict[str, List[int]]`), `TypeVar`, `Generic`/`Protocol` as base classes,
//! `NewType`, and the identity helpers (`cast`, `overload`, `final`, ...).

use std::rc::Rc;

use crate::builtins::args::{invalid_keyword, positional_count};
use crate::error::{PyErr, PyResult};
use crate::objects::types::{builtin_type, PyType, TypeId};
use crate::ops;
use crate::value::{CallArgs, NativeState, PyModule, Value};
use crate::vm::Vm;

use super::support::{classmethod, new_object, object_dict, self_state, state_of};

/// How a typing object behaves when subscripted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `Any`, `NoReturn`, ...: not subscriptable.
    Plain,
    /// `List`, `Dict`, `Iterable`, ...: `[args]` gives a parameterized alias.
    Alias { params: usize },
    /// `Tuple`: any number of args, `Tuple[()]`, `Tuple[int, ...]`.
    Tuple,
    Union,
    Optional,
    Callable,
    /// `Literal[...]`: args printed with repr, not converted.
    Literal,
    /// `ClassVar[X]`, `Final[X]`, `Type[X]`, ...: exactly one arg.
    Single,
    /// `Annotated[X, meta...]`.
    Annotated,
}

/// A typing special form or alias: `name` displays as `typing.<name>`; `args` is set once
/// subscripted; `origin` is the runtime class it stands for (`list` for `List`).
struct Form {
    name: &'static str,
    kind: Kind,
    args: Option<Vec<Value>>,
    origin: Value,
}

impl NativeState for Form {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.origin);
        for a in self.args.iter().flatten() {
            visit(a);
        }
    }
}

/// The state of a `TypeVar`.
struct TypeVarState {
    name: String,
    variance: char,
}

impl NativeState for TypeVarState {}

/// The state of a `NewType`: calling it returns its argument.
struct NewTypeState {
    display: String,
}

impl NativeState for NewTypeState {}

thread_local! {
    static CLASSES: std::cell::RefCell<Option<TypingClasses>> = const { std::cell::RefCell::new(None) };
}

#[derive(Clone)]
struct TypingClasses {
    form: Rc<PyType>,
    typevar: Rc<PyType>,
    newtype: Rc<PyType>,
}

fn classes() -> TypingClasses {
    CLASSES.with(|c| {
        c.borrow_mut()
            .get_or_insert_with(|| TypingClasses {
                form: PyType::new_native(
                    "_GenericAlias",
                    "typing",
                    &[
                        ("__getitem__", form_getitem),
                        ("__repr__", form_repr),
                        ("__eq__", form_eq),
                        ("__hash__", form_hash),
                        ("__call__", form_call),
                        ("__or__", form_or),
                        ("__ror__", form_ror),
                        ("__mro_entries__", form_mro_entries),
                        ("__instancecheck__", form_instancecheck),
                    ],
                ),
                typevar: PyType::new_native("TypeVar", "typing", &[("__new__", typevar_construct), ("__repr__", typevar_repr), ("__or__", form_or), ("__ror__", form_ror)]),
                newtype: PyType::new_native("NewType", "typing", &[("__repr__", newtype_repr), ("__call__", newtype_call)]),
            })
            .clone()
    })
}

fn new_form(name: &'static str, kind: Kind, args: Option<Vec<Value>>, origin: Value) -> Value {
    let value = new_object(&classes().form, Form { name, kind, args: args.clone(), origin: origin.clone() }, true);
    if let Some(d) = object_dict(&value) {
        d.set_str("__origin__", origin);
        if let Some(args) = args {
            d.set_str("__args__", Value::tuple(args));
        }
        d.set_str("_name", Value::str(name));
    }
    value
}

/// `repr` of one argument as typing prints it: `int`, `__main__.Foo`, `typing.List[int]`,
/// `...`, `[int, str]` (Callable parameters).
fn arg_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Type(t) => Ok(match t.module.as_deref() {
            None | Some("builtins") => t.name.to_string(),
            Some(module) => {
                let qualname = t.dict.get_str("__qualname__");
                match qualname {
                    Some(Value::Str(q)) => format!("{module}.{}", q.as_str()),
                    _ => format!("{module}.{}", t.name),
                }
            }
        }),
        Value::Ellipsis => Ok("...".into()),
        Value::List(l) => {
            let items = l.items.borrow().clone();
            let parts: PyResult<Vec<String>> = items.iter().map(|x| arg_repr(vm, x)).collect();
            Ok(format!("[{}]", parts?.join(", ")))
        }
        Value::Function(f) => {
            let module = f.globals.get_str("__name__");
            let qualname = f.qualname.borrow().as_str().to_owned();
            match module {
                Some(Value::Str(m)) if m.as_str() != "builtins" => Ok(format!("{}.{qualname}", m.as_str())),
                _ => Ok(qualname),
            }
        }
        other => ops::repr(vm, other),
    }
}

fn form_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let form = self_state::<Form>(&args, "_GenericAlias", "__repr__")?;
    let Some(items) = form.args.clone() else {
        return Ok(Value::string(format!("typing.{}", form.name)));
    };
    let (name, kind) = (form.name, form.kind);
    let none_type = Value::Type(builtin_type(TypeId::NoneType));
    if kind == Kind::Union && items.len() == 2 {
        if let Some(pos) = items.iter().position(|a| a.is(&none_type)) {
            let other = &items[1 - pos];
            return Ok(Value::string(format!("typing.Optional[{}]", arg_repr(vm, other)?)));
        }
    }
    if kind == Kind::Tuple && items.is_empty() {
        return Ok(Value::string(format!("typing.{name}[()]")));
    }
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let literal = kind == Kind::Literal || (kind == Kind::Annotated && i > 0);
        parts.push(if literal { ops::repr(vm, item)? } else { arg_repr(vm, item)? });
    }
    Ok(Value::string(format!("typing.{name}[{}]", parts.join(", "))))
}

/// `None` in a type position means `NoneType`.
fn type_arg(v: &Value) -> Value {
    match v {
        Value::None => Value::Type(builtin_type(TypeId::NoneType)),
        other => other.clone(),
    }
}

fn params_of(item: &Value) -> Vec<Value> {
    match item {
        Value::Tuple(t) => t.items.to_vec(),
        other => vec![other.clone()],
    }
}

/// `Union[args]`: flattened, `None` as NoneType, duplicates removed; one arg is itself.
fn make_union(vm: &mut Vm, params: Vec<Value>) -> PyResult<Value> {
    let mut flat: Vec<Value> = Vec::new();
    for p in params {
        let p = type_arg(&p);
        let nested = match state_of::<Form>(&p) {
            Some(f) if f.kind == Kind::Union => f.args.clone(),
            _ => None,
        };
        for candidate in nested.unwrap_or_else(|| vec![p]) {
            let mut seen = false;
            for existing in &flat {
                if ops::eq(vm, existing, &candidate)? {
                    seen = true;
                    break;
                }
            }
            if !seen {
                flat.push(candidate);
            }
        }
    }
    if flat.len() == 1 {
        return Ok(flat.remove(0));
    }
    Ok(new_form("Union", Kind::Union, Some(flat), Value::None))
}

fn form_getitem(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let form = self_state::<Form>(&args, "_GenericAlias", "__getitem__")?;
    let item = positional_count("__getitem__", &args, 2, 2)?[1].clone();
    let params = params_of(&item);
    let (name, kind, origin) = (form.name, form.kind, form.origin.clone());
    if let Some(existing) = form.args.clone() {
        return substitute(vm, &args.args[0], name, kind, existing, origin, params);
    }
    match kind {
        Kind::Plain => Err(PyErr::type_error(format!("type '{name}' is not subscriptable"))),
        Kind::Union => {
            if params.is_empty() {
                return Err(PyErr::type_error("Cannot take a Union of no types."));
            }
            make_union(vm, params)
        }
        Kind::Optional => {
            if params.len() != 1 {
                let shown = ops::repr(vm, &item)?;
                return Err(PyErr::type_error(format!("typing.Optional requires a single type. Got {shown}.")));
            }
            make_union(vm, vec![params[0].clone(), Value::None])
        }
        Kind::Single => {
            if params.len() != 1 {
                return Err(PyErr::type_error(format!("typing.{name} accepts only single type.")));
            }
            Ok(new_form(name, kind, Some(vec![type_arg(&params[0])]), origin))
        }
        Kind::Literal => Ok(new_form(name, kind, Some(params), origin)),
        Kind::Annotated => {
            if params.len() < 2 {
                return Err(PyErr::type_error(
                    "Annotated[...] should be used with at least two arguments (a type and an annotation).",
                ));
            }
            let mut args = params;
            args[0] = type_arg(&args[0]);
            Ok(new_form(name, kind, Some(args), origin))
        }
        Kind::Tuple => {
            let args = match &item {
                Value::Tuple(t) if t.items.is_empty() => Vec::new(),
                _ => params.iter().map(type_arg).collect(),
            };
            Ok(new_form(name, kind, Some(args), origin))
        }
        Kind::Callable => {
            let [arguments, result] = params.as_slice() else {
                return Err(PyErr::type_error(
                    "Callable must be used as Callable[[arg, ...], result].",
                ));
            };
            let arguments = match arguments {
                Value::List(l) => Value::list(l.items.borrow().iter().map(type_arg).collect()),
                Value::Ellipsis => Value::Ellipsis,
                _ => {
                    return Err(PyErr::type_error(
                        "Callable[args, result]: args must be a list. Got an object.",
                    ))
                }
            };
            Ok(new_form(name, kind, Some(vec![arguments, type_arg(result)]), origin))
        }
        Kind::Alias { params: expected } => {
            if params.len() != expected {
                let shown = format!("typing.{name}");
                return Err(PyErr::type_error(format!(
                    "Too {} arguments for {shown}; actual {}, expected {expected}",
                    if params.len() > expected { "many" } else { "few" },
                    params.len()
                )));
            }
            Ok(new_form(name, kind, Some(params.iter().map(type_arg).collect()), origin))
        }
    }
}

/// `Dict[str, T][int]`: replace the type variables of `existing`, in order, by `params`.
fn substitute(
    vm: &mut Vm,
    this: &Value,
    name: &'static str,
    kind: Kind,
    existing: Vec<Value>,
    origin: Value,
    params: Vec<Value>,
) -> PyResult<Value> {
    let mut vars: Vec<Value> = Vec::new();
    collect_typevars(&existing, &mut vars);
    if vars.is_empty() {
        let shown = ops::repr(vm, this)?;
        return Err(PyErr::type_error(format!("{shown} is not a generic class")));
    }
    if vars.len() != params.len() {
        let shown = ops::repr(vm, this)?;
        return Err(PyErr::type_error(format!(
            "Too {} arguments for {shown}; actual {}, expected {}",
            if params.len() > vars.len() { "many" } else { "few" },
            params.len(),
            vars.len()
        )));
    }
    let replaced = existing.iter().map(|a| replace_typevars(vm, a, &vars, &params)).collect::<PyResult<Vec<_>>>()?;
    if kind == Kind::Union {
        return make_union(vm, replaced);
    }
    Ok(new_form(name, kind, Some(replaced), origin))
}

fn collect_typevars(args: &[Value], out: &mut Vec<Value>) {
    for a in args {
        if state_of::<TypeVarState>(a).is_some() {
            if !out.iter().any(|v| v.is(a)) {
                out.push(a.clone());
            }
        } else if let Some(f) = state_of::<Form>(a) {
            if let Some(inner) = &f.args {
                collect_typevars(inner, out);
            }
        } else if let Value::List(l) = a {
            let inner = l.items.borrow().clone();
            collect_typevars(&inner, out);
        }
    }
}

fn replace_typevars(vm: &mut Vm, arg: &Value, vars: &[Value], params: &[Value]) -> PyResult<Value> {
    if let Some(i) = vars.iter().position(|v| v.is(arg)) {
        return Ok(type_arg(&params[i]));
    }
    if let Some(f) = state_of::<Form>(arg) {
        if let Some(inner) = f.args.clone() {
            let (name, kind, origin) = (f.name, f.kind, f.origin.clone());
            let replaced = inner.iter().map(|a| replace_typevars(vm, a, vars, params)).collect::<PyResult<Vec<_>>>()?;
            if kind == Kind::Union {
                return make_union(vm, replaced);
            }
            return Ok(new_form(name, kind, Some(replaced), origin));
        }
    }
    if let Value::List(l) = arg {
        let inner = l.items.borrow().clone();
        let replaced = inner.iter().map(|a| replace_typevars(vm, a, vars, params)).collect::<PyResult<Vec<_>>>()?;
        return Ok(Value::list(replaced));
    }
    Ok(arg.clone())
}

fn form_eq(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("__eq__", &args, 2, 2)?;
    let (Some(a), Some(b)) = (state_of::<Form>(&pos[0]), state_of::<Form>(&pos[1])) else {
        return Ok(Value::NotImplemented);
    };
    if a.name != b.name {
        return Ok(Value::bool(false));
    }
    let (a_args, b_args) = (a.args.clone(), b.args.clone());
    match (a_args, b_args) {
        (None, None) => Ok(Value::bool(true)),
        (Some(x), Some(y)) => {
            if x.len() != y.len() {
                return Ok(Value::bool(false));
            }
            if a.kind == Kind::Union {
                // Union equality ignores order.
                for item in &x {
                    let mut found = false;
                    for other in &y {
                        if ops::eq(vm, item, other)? {
                            found = true;
                            break;
                        }
                    }
                    if !found {
                        return Ok(Value::bool(false));
                    }
                }
                return Ok(Value::bool(true));
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !ops::eq(vm, p, q)? {
                    return Ok(Value::bool(false));
                }
            }
            Ok(Value::bool(true))
        }
        _ => Ok(Value::bool(false)),
    }
}

fn form_hash(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let form = self_state::<Form>(&args, "_GenericAlias", "__hash__")?;
    let mut h = crate::objects::str::hash_str(form.name);
    if let Some(items) = &form.args {
        h = h.wrapping_mul(31).wrapping_add(items.len() as i64);
        for item in items {
            if form.kind != Kind::Union {
                h = h.wrapping_mul(1_000_003) ^ ops::hash(item).unwrap_or(0);
            }
        }
    }
    Ok(Value::Int(if h == -1 { -2 } else { h }))
}

fn form_call(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let form = self_state::<Form>(&args, "_GenericAlias", "__call__")?;
    let origin = form.origin.clone();
    if form.args.is_none() || matches!(origin, Value::None) {
        let kind_name = if matches!(form.kind, Kind::Alias { .. } | Kind::Tuple) { "Type" } else { "Cannot instantiate" };
        if kind_name == "Type" {
            let lower = match &origin {
                Value::Type(t) => t.name.to_string(),
                _ => form.name.to_lowercase(),
            };
            return Err(PyErr::type_error(format!(
                "Type {} cannot be instantiated; use {lower}() instead",
                form.name
            )));
        }
        return Err(PyErr::type_error(format!("Cannot instantiate typing.{}", form.name)));
    }
    let rest = &args.args[1..];
    vm.call_kw(&origin, rest, args.kwnames)
}

fn form_or(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("__or__", &args, 2, 2)?;
    make_union(vm, vec![pos[0].clone(), pos[1].clone()])
}

fn form_ror(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("__ror__", &args, 2, 2)?;
    make_union(vm, vec![pos[1].clone(), pos[0].clone()])
}

/// `class C(List[int])` derives from `list`.
fn form_mro_entries(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let form = self_state::<Form>(&args, "_GenericAlias", "__mro_entries__")?;
    match &form.origin {
        Value::None => Err(PyErr::type_error(format!("Cannot subclass typing.{}", form.name))),
        origin => Ok(Value::tuple(vec![origin.clone()])),
    }
}

fn form_instancecheck(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let form = self_state::<Form>(&args, "_GenericAlias", "__instancecheck__")?;
    let pos = positional_count("__instancecheck__", &args, 2, 2)?;
    if form.args.is_some() {
        return Err(PyErr::type_error("Subscripted generics cannot be used with class and instance checks"));
    }
    let origin = form.origin.clone();
    let Value::Type(_) = origin else {
        return Err(PyErr::type_error(format!("typing.{} cannot be used with isinstance()", form.name)));
    };
    let isinstance = vm.builtins.get_str("isinstance").unwrap_or(Value::None);
    vm.call(&isinstance, &[pos[1].clone(), origin])
}

// ---- TypeVar, NewType, Generic ---------------------------------------------------------

fn typevar_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let Some(Value::Str(name)) = pos.first() else {
        return Err(PyErr::type_error("TypeVar() missing required argument 'name' (pos 1)"));
    };
    let constraints: Vec<Value> = pos[1..].iter().map(type_arg).collect();
    if constraints.len() == 1 {
        return Err(PyErr::type_error("A single constraint is not allowed"));
    }
    let (mut bound, mut covariant, mut contravariant) = (Value::None, false, false);
    for (kw, value) in args.keywords() {
        match kw {
            "bound" => bound = type_arg(value),
            "covariant" => covariant = ops::truthy(vm, value)?,
            "contravariant" => contravariant = ops::truthy(vm, value)?,
            other => return Err(invalid_keyword(other, "TypeVar")),
        }
    }
    if covariant && contravariant {
        return Err(PyErr::value_error("Bivariant types are not supported."));
    }
    let variance = if covariant {
        '+'
    } else if contravariant {
        '-'
    } else {
        '~'
    };
    let value = new_object(&classes().typevar, TypeVarState { name: name.as_str().to_owned(), variance }, true);
    if let Some(d) = object_dict(&value) {
        d.set_str("__name__", Value::Str(name.clone()));
        d.set_str("__bound__", bound);
        d.set_str("__constraints__", Value::tuple(constraints));
        d.set_str("__covariant__", Value::bool(covariant));
        d.set_str("__contravariant__", Value::bool(contravariant));
    }
    Ok(value)
}

/// `TypeVar.__new__(cls, name, ...)`.
fn typevar_construct(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let rest = CallArgs { args: args.args.get(1..).unwrap_or(&[]), kwnames: args.kwnames };
    typevar_new(vm, rest)
}

fn typevar_repr(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let tv = self_state::<TypeVarState>(&args, "TypeVar", "__repr__")?;
    Ok(Value::string(format!("{}{}", tv.variance, tv.name)))
}

fn newtype_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("NewType", &args, 2, 2)?;
    let Value::Str(name) = &pos[0] else {
        return Err(PyErr::type_error("NewType() argument 'name' must be str"));
    };
    let module = match vm.frame.globals.get_str("__name__") {
        Some(Value::Str(m)) => m.as_str().to_owned(),
        _ => "__main__".to_owned(),
    };
    let value = new_object(&classes().newtype, NewTypeState { display: format!("{module}.{}", name.as_str()) }, true);
    if let Some(d) = object_dict(&value) {
        d.set_str("__name__", Value::Str(name.clone()));
        d.set_str("__qualname__", Value::Str(name.clone()));
        d.set_str("__supertype__", pos[1].clone());
        d.set_str("__module__", Value::string(module));
    }
    Ok(value)
}

fn newtype_repr(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::string(self_state::<NewTypeState>(&args, "NewType", "__repr__")?.display.clone()))
}

fn newtype_call(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("__call__", &args, 2, 2)?;
    Ok(pos[1].clone())
}

/// `Generic[T]` / `Protocol[T]` / `UserClass[int]`: the class itself, so it can be a base.
fn class_getitem(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(args.args.first().cloned().unwrap_or(Value::None))
}

// ---- identity helpers ---------------------------------------------------------------------

fn typing_cast(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("cast", &args, 2, 2)?;
    Ok(pos[1].clone())
}

/// `overload`, `final`, `no_type_check`, `runtime_checkable`: return the argument.
fn identity_decorator(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("decorator", &args, 1, 1)?;
    Ok(pos[0].clone())
}

fn get_origin(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("get_origin", &args, 1, 1)?;
    Ok(match state_of::<Form>(&pos[0]) {
        Some(f) if f.args.is_some() => match (&f.origin, f.kind) {
            (Value::None, Kind::Union) => Value::None,
            (o, _) => o.clone(),
        },
        _ => Value::None,
    })
}

fn get_args(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("get_args", &args, 1, 1)?;
    Ok(match state_of::<Form>(&pos[0]) {
        Some(Form { args: Some(items), .. }) => Value::tuple(items.clone()),
        _ => Value::tuple(Vec::new()),
    })
}

/// `typing.get_type_hints(obj)`: the object's `__annotations__` (strings are not evaluated).
fn get_type_hints(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("get_type_hints", &args, 1, 3)?;
    match ops::getattr(vm, &pos[0], "__annotations__") {
        Ok(v) => Ok(v),
        Err(e) if e.matches(TypeId::AttributeError) => Ok(Value::Dict(Rc::new(crate::objects::dict::PyDict::new()))),
        Err(e) => Err(e),
    }
}

/// Every subscriptable alias of a runtime class: (name, number of parameters, builtin origin).
const BUILTIN_ALIASES: &[(&str, usize, TypeId)] = &[
    ("List", 1, TypeId::List),
    ("Dict", 2, TypeId::Dict),
    ("Set", 1, TypeId::Set),
    ("FrozenSet", 1, TypeId::FrozenSet),
    ("Type", 1, TypeId::Type),
];

/// Aliases of classes in `collections` and `collections.abc`: (name, parameters, where the
/// origin lives, its name there).
const ABC_ALIASES: &[(&str, usize, &str, &str)] = &[
    ("Iterable", 1, "collections.abc", "Iterable"),
    ("Iterator", 1, "collections.abc", "Iterator"),
    ("Generator", 3, "collections.abc", "Generator"),
    ("Reversible", 1, "collections.abc", "Reversible"),
    ("Container", 1, "collections.abc", "Container"),
    ("Collection", 1, "collections.abc", "Collection"),
    ("Sequence", 1, "collections.abc", "Sequence"),
    ("MutableSequence", 1, "collections.abc", "MutableSequence"),
    ("Mapping", 2, "collections.abc", "Mapping"),
    ("MutableMapping", 2, "collections.abc", "MutableMapping"),
    ("AbstractSet", 1, "collections.abc", "Set"),
    ("MutableSet", 1, "collections.abc", "MutableSet"),
    ("KeysView", 1, "collections.abc", "KeysView"),
    ("ValuesView", 1, "collections.abc", "ValuesView"),
    ("ItemsView", 2, "collections.abc", "ItemsView"),
    ("MappingView", 1, "collections.abc", "MappingView"),
    ("Awaitable", 1, "collections.abc", "Awaitable"),
    ("Coroutine", 3, "collections.abc", "Coroutine"),
    ("AsyncIterable", 1, "collections.abc", "AsyncIterable"),
    ("AsyncIterator", 1, "collections.abc", "AsyncIterator"),
    ("AsyncGenerator", 2, "collections.abc", "AsyncGenerator"),
    ("Hashable", 0, "collections.abc", "Hashable"),
    ("Sized", 0, "collections.abc", "Sized"),
    ("Deque", 1, "collections", "deque"),
    ("DefaultDict", 2, "collections", "defaultdict"),
    ("OrderedDict", 2, "collections", "OrderedDict"),
    ("Counter", 1, "collections", "Counter"),
    ("ChainMap", 2, "collections", "ChainMap"),
    ("ContextManager", 1, "contextlib", "AbstractContextManager"),
    ("AsyncContextManager", 1, "contextlib", "AbstractAsyncContextManager"),
    ("Pattern", 1, "re", "Pattern"),
    ("Match", 1, "re", "Match"),
    ("IO", 1, "typing", "IO"),
    ("TextIO", 0, "typing", "TextIO"),
    ("BinaryIO", 0, "typing", "BinaryIO"),
    ("SupportsInt", 0, "typing", "SupportsInt"),
    ("SupportsFloat", 0, "typing", "SupportsFloat"),
    ("SupportsIndex", 0, "typing", "SupportsIndex"),
    ("SupportsAbs", 1, "typing", "SupportsAbs"),
    ("SupportsRound", 1, "typing", "SupportsRound"),
];

/// The runtime class an alias stands for, when its module is importable as a builtin module.
fn abc_origin(vm: &mut Vm, module: &str, name: &str) -> Value {
    if module == "typing" {
        return Value::None;
    }
    match crate::builtins::import_builtin_module(vm, module) {
        Some(Ok(Value::Module(m))) => m.dict.get_str(name).unwrap_or(Value::None),
        _ => Value::None,
    }
}

pub fn init(vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("typing");
    for name in ["Any", "NoReturn", "Never", "LiteralString", "Self", "TypeAlias"] {
        m.add(name, new_form(name, Kind::Plain, None, Value::None));
    }
    for (name, kind) in [
        ("Union", Kind::Union),
        ("Optional", Kind::Optional),
        ("Callable", Kind::Callable),
        ("Literal", Kind::Literal),
        ("ClassVar", Kind::Single),
        ("Final", Kind::Single),
        ("TypeGuard", Kind::Single),
        ("Required", Kind::Single),
        ("NotRequired", Kind::Single),
        ("Unpack", Kind::Single),
        ("Annotated", Kind::Annotated),
    ] {
        m.add(name, new_form(name, kind, None, Value::None));
    }
    m.add("Tuple", new_form("Tuple", Kind::Tuple, None, Value::Type(builtin_type(TypeId::Tuple))));
    for &(name, params, origin) in BUILTIN_ALIASES {
        let kind = if name == "Type" { Kind::Single } else { Kind::Alias { params } };
        m.add(name, new_form(name, kind, None, Value::Type(builtin_type(origin))));
    }
    for &(name, params, module, origin_name) in ABC_ALIASES {
        let origin = abc_origin(vm, module, origin_name);
        let kind = if params == 0 { Kind::Plain } else { Kind::Alias { params } };
        m.add(name, new_form(name, kind, None, origin));
    }
    let c = classes();
    for name in ["Generic", "Protocol"] {
        let class = PyType::new_native(name, "typing", &[]);
        class.dict.set_str("__class_getitem__", classmethod(vm, "__class_getitem__", class_getitem)?);
        m.add(name, Value::Type(class));
    }
    m.add("TypeVar", Value::Type(c.typevar.clone()));
    m.add("_GenericAlias", Value::Type(c.form.clone()));
    m.add("Text", Value::Type(builtin_type(TypeId::Str)));
    m.add("TYPE_CHECKING", Value::bool(false));
    m.add_function("cast", typing_cast);
    m.add_function("overload", identity_decorator);
    m.add_function("final", identity_decorator);
    m.add_function("no_type_check", identity_decorator);
    m.add_function("runtime_checkable", identity_decorator);
    m.add_function("get_origin", get_origin);
    m.add_function("get_args", get_args);
    m.add_function("get_type_hints", get_type_hints);
    m.add_function("NewType", newtype_new);
    let any_str = typevar_new(
        vm,
        CallArgs::new(&[
            Value::str("AnyStr"),
            Value::Type(builtin_type(TypeId::Bytes)),
            Value::Type(builtin_type(TypeId::Str)),
        ]),
    )?;
    m.add("AnyStr", any_str);
    Ok(m)
}
