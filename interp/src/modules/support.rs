//! Helpers shared by the standard modules implemented in Rust: creating instances of their
//! types, reaching an instance's Rust state from `self`, and small argument utilities.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::types::PyType;
use crate::value::{CallArgs, NativeState, PyObject, Value};

/// A new instance of the Rust-implemented type `class` holding `state`, with an instance
/// dict when `with_dict` (for attributes like `__name__` that Python code reads).
pub fn new_object<T: NativeState>(class: &Rc<PyType>, state: T, with_dict: bool) -> Value {
    crate::gc::tracked(Value::Object(Rc::new(PyObject {
        class: RefCell::new(class.clone()),
        attrs: RefCell::new(if with_dict { crate::objects::instance_attrs::InstanceAttrs::Dict(Rc::new(PyDict::new())) } else { crate::objects::instance_attrs::InstanceAttrs::NoDict }),
        slots: RefCell::new(Vec::new()),
        base_value: Value::Null,
        native: Some(Box::new(state)),
    })))
}

/// A new instance of `class` (deriving from a builtin type) whose data is `base_value`, with
/// optional extra Rust state and an instance dict.
pub fn new_subtype_object(class: &Rc<PyType>, base_value: Value, state: Option<Box<dyn NativeState>>) -> Value {
    crate::gc::tracked(Value::Object(Rc::new(PyObject {
        class: RefCell::new(class.clone()),
        attrs: RefCell::new(crate::objects::instance_attrs::InstanceAttrs::Dict(Rc::new(PyDict::new()))),
        slots: RefCell::new(Vec::new()),
        base_value,
        native: state,
    })))
}

/// The Rust state of type `T` behind `value`, if it is such an object.
pub fn state_of<T: NativeState>(value: &Value) -> Option<&T> {
    match value {
        Value::Object(o) => o.native_ref::<T>(),
        _ => None,
    }
}

/// `self` of a method call as a `T`, or TypeError "descriptor 'method' for 'Type' objects
/// doesn't apply to a 'X' object".
pub fn self_state<'a, T: NativeState>(args: &CallArgs<'a>, type_name: &str, method: &str) -> PyResult<&'a T> {
    let Some(first) = args.args.first() else {
        return Err(PyErr::type_error(format!("descriptor '{method}' of '{type_name}' object needs an argument")));
    };
    state_of::<T>(first).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{method}' for '{type_name}' objects doesn't apply to a '{}' object",
            crate::objects::types::type_of(first).name
        ))
    })
}

/// The instance dict of an object created by `new_object(.., true)`.
pub fn object_dict(value: &Value) -> Option<Rc<PyDict>> {
    match value {
        Value::Object(o) => o.dict(),
        _ => None,
    }
}

/// A per-thread native type created on first use.
#[macro_export]
macro_rules! native_type {
    ($fn_name:ident, $name:expr, $module:expr, $methods:expr) => {
        pub(crate) fn $fn_name() -> std::rc::Rc<$crate::objects::types::PyType> {
            thread_local! {
                static TYPE: std::cell::OnceCell<std::rc::Rc<$crate::objects::types::PyType>> = const { std::cell::OnceCell::new() };
            }
            TYPE.with(|cell| cell.get_or_init(|| $crate::objects::types::PyType::new_native($name, $module, $methods)).clone())
        }
    };
}

/// Run Python `source` (part of a standard module, shipped inside the binary) with `module`'s
/// namespace as its globals. Parts of modules that build classes (`enum`, `dataclasses`, the
/// ABCs) are written this way: they are ordinary Python classes and functions, and the
/// methods they generate are Python functions, as in CPython.
pub fn run_python_source(vm: &mut crate::vm::Vm, module: &crate::value::PyModule, source: &str, filename: &str) -> PyResult<()> {
    let code = crate::compiler::compile(source, filename, crate::compiler::Mode::Module)
        .map_err(crate::vm::import::syntax_error)?;
    let dict = module.dict.clone();
    if dict.get_str("__builtins__").is_none() {
        dict.set_str("__builtins__", Value::Dict(vm.builtins.clone()));
    }
    vm.run_module_code(code, dict)?;
    Ok(())
}

/// `_exec(source, namespace)`: run generated Python source in a dict namespace (how
/// `dataclasses` and `namedtuple` make methods with exact signatures).
pub fn exec_native(vm: &mut crate::vm::Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let (Some(Value::Str(source)), Some(Value::Dict(namespace))) = (args.args.first(), args.args.get(1)) else {
        return Err(PyErr::type_error("_exec(source, namespace) expects a str and a dict"));
    };
    let code = crate::compiler::compile(source.as_str(), "<generated>", crate::compiler::Mode::Module)
        .map_err(crate::vm::import::syntax_error)?;
    if namespace.get_str("__builtins__").is_none() {
        namespace.set_str("__builtins__", Value::Dict(vm.builtins.clone()));
    }
    vm.run_module_code(code, namespace.clone())?;
    Ok(Value::None)
}

/// `classmethod(func)` for a native function (e.g. a `__class_getitem__`).
pub fn classmethod(vm: &mut crate::vm::Vm, name: &'static str, func: crate::value::NativeFn) -> PyResult<Value> {
    let native = Value::Native(Rc::new(crate::value::NativeFunction { name, func, owner: None, is_method: true }));
    let classmethod_type = crate::objects::types::builtin_type(crate::objects::types::TypeId::ClassMethod);
    vm.call(&Value::Type(classmethod_type), &[native])
}

/// `_own_attribute(cls, name, default)`: `name` from `cls`'s own namespace (not its bases).
pub fn own_attribute(_vm: &mut crate::vm::Vm, args: CallArgs<'_>) -> PyResult<Value> {
    match args.args {
        [Value::Type(t), Value::Str(name), default] => Ok(t.dict.get_str(name.as_str()).unwrap_or_else(|| default.clone())),
        [_, _, default] => Ok(default.clone()),
        _ => Err(PyErr::type_error("_own_attribute(cls, name, default)")),
    }
}

