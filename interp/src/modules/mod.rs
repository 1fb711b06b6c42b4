//! Standard modules implemented in Rust, created on first import. `BUILTIN_MODULES` is the
//! registry the import system consults before searching `sys.path` for `.py` files.

pub mod abc;
pub mod array;
pub mod collections;
pub mod contextlib;
pub mod fileio;
pub mod dataclasses;
pub mod enums;
pub mod future;
pub mod gc;
pub mod io;
pub mod json;
pub mod os;
pub mod structseq;
pub mod support;
pub mod sys;
pub mod typing;
pub mod bisect;
pub mod copy;
pub mod functools;
pub mod functools_py;
pub mod heapq;
pub mod itertools;
pub mod math;
pub mod operator;
pub mod pyargs;
pub mod random;
pub mod string;
pub mod time;

use std::rc::Rc;

use crate::error::PyResult;
use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::value::{NativeFn, NativeFunction, PyModule, Value};
use crate::vm::Vm;

/// Creates a module's namespace. Called once per thread; the import system caches the
/// result in `sys.modules`.
pub type ModuleInit = fn(&mut Vm) -> PyResult<Rc<PyModule>>;

/// Every module implemented in Rust: (dotted name, initializer).
pub const BUILTIN_MODULES: &[(&str, ModuleInit)] = &[
    ("sys", sys::init),
    ("gc", gc::init),
    ("json", json::init),
    ("__future__", future::init),
    ("typing", typing::init),
    ("collections", collections::init),
    ("math", math::init),
    ("time", time::init),
    ("bisect", bisect::init),
    ("heapq", heapq::init),
    ("operator", operator::init),
    ("random", random::init),
    ("itertools", itertools::init),
    ("io", io::init),
    ("os", os::init),
    ("importlib", importlib_init),
    ("array", array::init),
    ("abc", abc::init),
    ("collections.abc", collections::abc::init),
    ("enum", enums::init),
    ("dataclasses", dataclasses::init),
    ("functools", functools::init),
    ("copy", copy::init),
    ("string", string::init),
    ("contextlib", contextlib::init),
];

/// `importlib`: `import_module` (the import system itself is `vm::import`).
fn importlib_init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("importlib");
    m.add_function("import_module", crate::vm::import::importlib_import_module);
    Ok(m)
}

/// The initializer of builtin module `name`, if there is one.
pub fn find_builtin_module(name: &str) -> Option<ModuleInit> {
    BUILTIN_MODULES.iter().find(|(n, _)| *n == name).map(|(_, init)| *init)
}

impl PyModule {
    /// An empty module `name` with `__name__` set.
    pub fn new(name: &str) -> Rc<PyModule> {
        let dict = Rc::new(PyDict::new());
        dict.set_str("__name__", Value::str(name));
        dict.set_str("__doc__", Value::None);
        Rc::new(PyModule { name: Rc::new(PyStr::new(name.to_owned())), dict })
    }

    /// Add a function implemented in Rust.
    pub fn add_function(&self, name: &'static str, func: NativeFn) {
        self.dict.set_str(name, Value::Native(Rc::new(NativeFunction { name, func, owner: None, is_method: false })));
    }

    /// Add any attribute.
    pub fn add(&self, name: &str, value: Value) {
        self.dict.set_str(name, value);
    }
}
