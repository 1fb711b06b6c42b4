//! The `builtins` namespace: builtin functions and types, calling builtin types
//! (`call_type`), and the builtin modules (`sys`).

pub mod args;
pub mod classes;
pub mod constructors;
pub mod functions;

use std::rc::Rc;

use crate::error::PyResult;
use crate::objects::dict::PyDict;
use crate::objects::types::{builtin_type, PyType, TypeId};
use crate::value::{CallArgs, NativeFn, NativeFunction, Value};
use crate::vm::Vm;

/// Every builtin function: (name, implementation).
const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("print", functions::builtin_print),
    ("input", functions::builtin_input),
    ("len", functions::builtin_len),
    ("abs", functions::builtin_abs),
    ("repr", functions::builtin_repr),
    ("ascii", functions::builtin_ascii),
    ("chr", functions::builtin_chr),
    ("ord", functions::builtin_ord),
    ("hash", functions::builtin_hash),
    ("id", functions::builtin_id),
    ("hex", functions::builtin_hex),
    ("oct", functions::builtin_oct),
    ("bin", functions::builtin_bin),
    ("callable", functions::builtin_callable),
    ("isinstance", classes::builtin_isinstance),
    ("issubclass", classes::builtin_issubclass),
    ("delattr", classes::builtin_delattr),
    ("vars", classes::builtin_vars),
    ("__build_class__", classes::builtin_build_class),
    ("min", functions::builtin_min),
    ("max", functions::builtin_max),
    ("sum", functions::builtin_sum),
    ("any", functions::builtin_any),
    ("all", functions::builtin_all),
    ("sorted", functions::builtin_sorted),
    ("iter", functions::builtin_iter),
    ("next", functions::builtin_next),
    ("divmod", functions::builtin_divmod),
    ("pow", functions::builtin_pow),
    ("round", functions::builtin_round),
    ("getattr", functions::builtin_getattr),
    ("setattr", functions::builtin_setattr),
    ("hasattr", functions::builtin_hasattr),
    ("format", functions::builtin_format),
    ("dir", functions::builtin_dir),
    ("exit", functions::builtin_exit),
    ("open", crate::modules::fileio::builtin_open),
    ("__import__", crate::vm::import::builtin_import),
    ("quit", functions::builtin_exit),
];

/// Builtin types that are not reachable by name from Python code (CPython does not put them
/// in `builtins` either).
fn is_hidden_type(id: TypeId) -> bool {
    matches!(
        id,
        TypeId::NoneType
            | TypeId::NotImplementedType
            | TypeId::Ellipsis
            | TypeId::Function
            | TypeId::BuiltinFunction
            | TypeId::MethodDescriptor
            | TypeId::Method
            | TypeId::Module
            | TypeId::Iterator
            | TypeId::ListIterator
            | TypeId::ListReverseIterator
            | TypeId::TupleIterator
            | TypeId::RangeIterator
            | TypeId::StrIterator
            | TypeId::StrAsciiIterator
            | TypeId::DictKeyIterator
            | TypeId::DictValueIterator
            | TypeId::DictItemIterator
            | TypeId::SetIterator
            | TypeId::CallableIterator
            | TypeId::BytesIterator
            | TypeId::ByteArrayIterator
            | TypeId::DictKeys
            | TypeId::DictValues
            | TypeId::DictItems
            | TypeId::Cell
            | TypeId::Code
            | TypeId::Generator
    )
}

/// Build the `builtins` dict: every builtin function and type.
pub fn make_builtins() -> Rc<PyDict> {
    let d = Rc::new(PyDict::new());
    for &id in TypeId::ALL {
        if !is_hidden_type(id) {
            d.set_str(id.name(), Value::Type(builtin_type(id)));
        }
    }
    // Aliases of OSError kept for old code.
    d.set_str("IOError", Value::Type(builtin_type(TypeId::OSError)));
    d.set_str("EnvironmentError", Value::Type(builtin_type(TypeId::OSError)));
    for &(name, func) in FUNCTIONS {
        d.set_str(name, Value::Native(Rc::new(NativeFunction { name, func, owner: None, is_method: false })));
    }
    d.set_str("NotImplemented", Value::NotImplemented);
    d
}

/// Call a type object: constructors of the builtin types and of exception classes.
pub fn call_type(vm: &mut Vm, ty: &Rc<PyType>, args: CallArgs<'_>) -> PyResult<Value> {
    constructors::call_type(vm, ty, args)
}

/// `import name` for modules implemented in Rust: `None` when there is no such builtin module.
pub fn import_builtin_module(vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
    let init = crate::modules::find_builtin_module(name)?;
    if let Some(m) = vm.modules.get_str(name) {
        return Some(Ok(m));
    }
    Some(init(vm).and_then(|m| {
        let m = Value::Module(m);
        vm.modules.set(Value::str(name), m.clone())?;
        Ok(m)
    }))
}
