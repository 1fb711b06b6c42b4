//! Embedding swallow in Rust programs: compile Python source into a module of an `Interpreter`,
//! look up its globals, call them with arguments, and get an uncaught Python exception back as
//! an `Error` carrying its `Type: message` line (the criterion benchmarks in `benches/` use it).

use std::fmt;
use std::rc::Rc;

use crate::compiler::{self, CompileError, Mode};
use crate::error::PyErr;
use crate::value::{PyModule, Value};
use crate::vm::Vm;

/// A Python interpreter owned by Rust code: one `Vm` with its `sys.modules`.
pub struct Interpreter {
    vm: Vm,
}

/// A module compiled from source and run by `Interpreter::load_module`.
#[derive(Clone)]
pub struct Module {
    module: Rc<PyModule>,
}

/// Why Python code did not produce a value.
#[derive(Clone, Debug)]
pub enum Error {
    /// The source did not compile (SyntaxError or IndentationError).
    Compile(CompileError),
    /// Python code raised an exception that nothing caught.
    Raised {
        /// The exception itself.
        exception: PyErr,
        /// Its last traceback line: `Type: message` (just `Type` when the message is empty).
        summary: String,
        /// The full report CPython would print: `Traceback (most recent call last): ...`.
        traceback: String,
    },
}

impl Interpreter {
    /// A fresh interpreter (`sys.argv` is `['']`, as in an embedded CPython).
    pub fn new() -> Interpreter {
        Interpreter { vm: Vm::new(vec![String::new()]) }
    }

    /// The virtual machine, for everything this API does not wrap.
    pub fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }

    /// Compile `source` and run it as the body of a new module `name`, registered in
    /// `sys.modules` (so later modules can import it). Its code's filename is `<name>`, and
    /// tracebacks show its source lines.
    pub fn load_module(&mut self, name: &str, source: &str) -> Result<Module, Error> {
        let filename = format!("<{name}>");
        let code = compiler::compile(source, &filename, Mode::Module)
            .map_err(|err| Error::Compile(crate::run::with_source_text(err, source)))?;
        crate::traceback::register_source(&filename, source);
        let module = PyModule::new(name);
        module.dict.set_str("__package__", Value::None);
        module.dict.set_str("__spec__", Value::None);
        module.dict.set_str("__builtins__", Value::Dict(self.vm.builtins.clone()));
        let result = self
            .vm
            .modules
            .set(Value::str(name), Value::Module(module.clone()))
            .and_then(|()| self.vm.run_module_code(code, module.dict.clone()));
        match result {
            Ok(_) => Ok(Module { module }),
            Err(err) => {
                // As a failed import does, leave no half-initialized module behind.
                let _ = self.vm.modules.remove(&Value::str(name));
                Err(self.raised(err))
            }
        }
    }

    /// Call any Python callable with positional arguments.
    pub fn call(&mut self, callable: &Value, args: &[Value]) -> Result<Value, Error> {
        self.vm.call(callable, args).map_err(|err| self.raised(err))
    }

    /// `repr(value)`, as Python computes it (a `__repr__` may raise).
    pub fn repr(&mut self, value: &Value) -> Result<String, Error> {
        crate::ops::repr(&mut self.vm, value).map_err(|err| self.raised(err))
    }

    /// An exception raised by Python code, with its report formatted while the VM is at hand.
    fn raised(&mut self, exception: PyErr) -> Error {
        let summary = crate::traceback::exception_summary(&mut self.vm, exception.exception());
        let traceback = crate::traceback::format_exception(&mut self.vm, &exception);
        Error::Raised { exception, summary, traceback }
    }
}

impl Default for Interpreter {
    fn default() -> Interpreter {
        Interpreter::new()
    }
}

impl Drop for Interpreter {
    /// Python's `print` output is buffered: write it out when the interpreter goes away.
    fn drop(&mut self) {
        let _ = crate::stdio::flush_stdout();
    }
}

impl Module {
    /// The module's name.
    pub fn name(&self) -> &str {
        self.module.name.as_str()
    }

    /// The module's global `name` (a function, class or any value the body bound), if bound.
    pub fn global(&self, name: &str) -> Option<Value> {
        self.module.dict.get_str(name)
    }

    /// The module object itself, as Python code sees it.
    pub fn as_value(&self) -> Value {
        Value::Module(self.module.clone())
    }
}

impl Error {
    /// The one-line message: `ZeroDivisionError: division by zero`, `SyntaxError: invalid syntax`.
    pub fn message(&self) -> String {
        match self {
            Error::Compile(err) => {
                let kind = if err.indentation { "IndentationError" } else { "SyntaxError" };
                format!("{kind}: {}", err.msg)
            }
            Error::Raised { summary, .. } => summary.clone(),
        }
    }

    /// The Python exception, for a raised one.
    pub fn exception(&self) -> Option<&PyErr> {
        match self {
            Error::Compile(_) => None,
            Error::Raised { exception, .. } => Some(exception),
        }
    }
}

impl fmt::Display for Error {
    /// The report CPython prints for it: the located syntax error, or the traceback.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Compile(err) => f.write_str(crate::traceback::format_compile_error(err).trim_end()),
            Error::Raised { traceback, .. } => f.write_str(traceback.trim_end()),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::BoolWord;
    use crate::objects::types::TypeId;

    #[test]
    fn call_returns_the_result_value() {
        let mut interp = Interpreter::new();
        let module = interp.load_module("m", "def add(a, b):\n    return a + b\n").ok();
        let add = module.as_ref().and_then(|m| m.global("add"));
        let Some(add) = add else { panic!("module m has no function add") };
        let result = interp.call(&add, &[Value::Int(40), Value::Int(2)]);
        assert!(matches!(result, Ok(Value::Int(42))));
        let text = interp.call(&add, &[Value::str("ab"), Value::str("cd")]).and_then(|v| interp.repr(&v));
        assert_eq!(text.ok().as_deref(), Some("'abcd'"));
    }

    #[test]
    fn globals_are_looked_up_by_name() {
        let mut interp = Interpreter::new();
        let module = interp.load_module("consts", "LIMIT = 10 ** 3\nname = __name__\n");
        let Ok(module) = module else { panic!("consts did not load") };
        assert_eq!(module.name(), "consts");
        assert!(matches!(module.global("LIMIT"), Some(Value::Int(1000))));
        assert_eq!(module.global("name").and_then(|v| interp.repr(&v).ok()).as_deref(), Some("'consts'"));
        assert!(module.global("missing").is_none());
        // The module is in sys.modules: a later module imports it.
        let user = interp.load_module("user", "import consts\ndouble = consts.LIMIT * 2\n");
        assert!(matches!(user.ok().and_then(|m| m.global("double")), Some(Value::Int(2000))));
    }

    #[test]
    fn compile_error_comes_back_as_error() {
        let mut interp = Interpreter::new();
        let err = interp.load_module("bad", "def f(:\n    pass\n").err();
        let Some(err) = err else { panic!("bad source compiled") };
        assert!(matches!(err, Error::Compile(_)));
        assert!(err.message().starts_with("SyntaxError: "), "{}", err.message());
        assert!(err.exception().is_none());
        assert!(err.to_string().contains("File \"<bad>\", line 1"), "{err}");
    }

    #[test]
    fn raised_exception_comes_back_with_its_message() {
        let mut interp = Interpreter::new();
        let source = "def divide(a, b):\n    return a // b\n";
        let Ok(module) = interp.load_module("div", source) else { panic!("div did not load") };
        let Some(divide) = module.global("divide") else { panic!("no divide") };
        let err = interp.call(&divide, &[Value::Int(1), Value::Int(0)]).err();
        let Some(err) = err else { panic!("1 // 0 returned") };
        assert_eq!(err.message(), "ZeroDivisionError: integer division or modulo by zero");
        assert!(err.exception().is_some_and(|e| e.matches(TypeId::ZeroDivisionError)));
        let report = err.to_string();
        assert!(report.starts_with("Traceback (most recent call last):"), "{report}");
        assert!(report.contains("return a // b"), "{report}");
        // The interpreter is still usable after the exception.
        assert!(matches!(interp.call(&divide, &[Value::Int(7), Value::Int(2)]), Ok(Value::Int(3))));
    }

    #[test]
    fn exception_in_module_body_leaves_no_module() {
        let mut interp = Interpreter::new();
        let err = interp.load_module("broken", "x = 1\nraise ValueError('nope')\n").err();
        assert_eq!(err.map(|e| e.message()).as_deref(), Some("ValueError: nope"));
        let retry = interp.load_module("probe", "import sys\nloaded = 'broken' in sys.modules\n");
        assert!(matches!(retry.ok().and_then(|m| m.global("loaded")), Some(Value::Bool(BoolWord::False))));
    }

    #[test]
    fn calling_a_non_callable_is_a_type_error() {
        let mut interp = Interpreter::new();
        let err = interp.call(&Value::Int(3), &[]).err().map(|e| e.message());
        assert_eq!(err.as_deref(), Some("TypeError: 'int' object is not callable"));
    }
}
