//! Python exceptions as Rust errors: `PyErr` wraps an exception instance, `PyResult` is the
//! return type of everything that can raise.

use std::rc::Rc;

use crate::objects::types::{builtin_type, TypeId};
use crate::value::{PyException, Value};

/// A raised Python exception. One pointer wide, so `PyResult<Value>` stays 16 bytes.
#[derive(Clone)]
pub struct PyErr(pub Rc<PyException>);

pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    /// A new exception of builtin type `ty` with a single message argument.
    pub fn new(ty: TypeId, msg: impl Into<String>) -> PyErr {
        PyErr::with_args(ty, vec![Value::string(msg.into())])
    }

    /// A new exception of builtin type `ty` with the given args tuple.
    pub fn with_args(ty: TypeId, args: Vec<Value>) -> PyErr {
        let err = PyErr(Rc::new(PyException::new(builtin_type(ty), args)));
        crate::gc::track(&Value::Exception(err.0.clone()));
        err
    }

    pub fn type_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(TypeId::TypeError, msg)
    }
    pub fn value_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(TypeId::ValueError, msg)
    }
    pub fn index_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(TypeId::IndexError, msg)
    }
    pub fn key_error(key: Value) -> PyErr {
        PyErr::with_args(TypeId::KeyError, vec![key])
    }
    pub fn zero_division(msg: impl Into<String>) -> PyErr {
        PyErr::new(TypeId::ZeroDivisionError, msg)
    }
    pub fn overflow(msg: impl Into<String>) -> PyErr {
        PyErr::new(TypeId::OverflowError, msg)
    }
    pub fn attribute_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(TypeId::AttributeError, msg)
    }
    pub fn name_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(TypeId::NameError, msg)
    }
    pub fn runtime_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(TypeId::RuntimeError, msg)
    }
    pub fn memory_error() -> PyErr {
        PyErr::with_args(TypeId::MemoryError, vec![])
    }
    pub fn recursion_error() -> PyErr {
        PyErr::new(TypeId::RecursionError, "maximum recursion depth exceeded")
    }
    pub fn stop_iteration() -> PyErr {
        PyErr::with_args(TypeId::StopIteration, vec![])
    }
    /// "<construct> is not supported yet" as a clean error, for constructs swallow lacks.
    pub fn unsupported(what: &str) -> PyErr {
        PyErr::new(TypeId::NotImplementedError, format!("{what} is not supported by swallow yet"))
    }

    /// True if this exception is an instance of builtin type `ty` (subclasses included).
    pub fn matches(&self, ty: TypeId) -> bool {
        self.0.ty.is_subtype_of(&builtin_type(ty))
    }

    pub fn exception(&self) -> &Rc<PyException> {
        &self.0
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PyErr({})", self.0.ty.name)
    }
}
