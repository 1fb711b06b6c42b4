//! The virtual machine: frames on one contiguous value stack, the call protocol, and the
//! entry points that run code. Instruction semantics live in `handlers`; the loop that picks
//! the next handler is a backend in `dispatch`.

use std::rc::Rc;

use crate::bytecode::Code;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::value::{PyModule, Value};

/// Default `sys.getrecursionlimit()`, as in CPython.
pub const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// The interpreter state of one thread.
pub struct Vm {
    /// `builtins` namespace (LOAD_GLOBAL's fallback).
    pub builtins: Rc<PyDict>,
    /// `sys.modules`.
    pub modules: Rc<PyDict>,
    /// `sys.argv`.
    pub argv: Vec<String>,
    pub recursion_limit: usize,
    /// Current depth of nested reprs (guards `repr` of self-containing/deep structures).
    pub repr_depth: usize,
}

impl Vm {
    pub fn new(argv: Vec<String>) -> Vm {
        let builtins = crate::builtins::make_builtins();
        Vm {
            builtins,
            modules: Rc::new(PyDict::new()),
            argv,
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            repr_depth: 0,
        }
    }

    /// Call any callable with positional arguments. Python functions run in a nested dispatch
    /// loop until they return.
    pub fn call(&mut self, callable: &Value, args: &[Value]) -> PyResult<Value> {
        self.call_kw(callable, args, &[])
    }

    /// Call with keyword arguments: the last `kwnames.len()` of `args` are keyword values.
    pub fn call_kw(&mut self, callable: &Value, _args: &[Value], _kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
        Err(PyErr::type_error(format!("'{}' object is not callable", callable.type_id().name())))
    }

    /// Run a module's code object in the namespace `globals`.
    pub fn run_module_code(&mut self, _code: Rc<Code>, _globals: Rc<PyDict>) -> PyResult<Value> {
        Err(PyErr::unsupported("execution"))
    }

    /// Create a fresh `__main__` module namespace.
    pub fn new_main_module(&mut self) -> Rc<PyModule> {
        let dict = Rc::new(PyDict::new());
        dict.set_str("__name__", Value::str("__main__"));
        dict.set_str("__builtins__", Value::Dict(self.builtins.clone()));
        let module = Rc::new(PyModule { name: Rc::new(PyStr::new("__main__".into())), dict });
        let _ = self.modules.set(Value::str("__main__"), Value::Module(module.clone()));
        module
    }
}
