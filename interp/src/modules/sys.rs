//! The `sys` module: argv, version, limits, `sys.modules`, the standard streams and
//! `sys.exit`. The stream objects are module-like values holding `write`/`flush` (or
//! `readline`/`read`) natives, shared by every `sys` import of the thread so `print(...,
//! file=sys.stderr)` can recognise them by identity.

use std::cell::RefCell;
use std::rc::Rc;

use crate::builtins::args::{exactly_one, no_kwargs, positional_count};
use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::int;
use crate::objects::str::PyStr;
use crate::objects::types::TypeId;
use crate::stdio;
use crate::value::{CallArgs, NativeFn, NativeFunction, PyModule, Value};
use crate::vm::Vm;

/// CPython version swallow follows.
pub const VERSION_INFO: (i64, i64, i64) = (3, 11, 7);

struct Streams {
    stdout: Value,
    stderr: Value,
    stdin: Value,
}

thread_local! {
    static STREAMS: RefCell<Option<Rc<Streams>>> = const { RefCell::new(None) };
    /// The namespace of the `sys` module once it has been created (for `print`'s lookup of
    /// a replaced `sys.stdout`).
    static SYS_DICT: RefCell<Option<Rc<PyDict>>> = const { RefCell::new(None) };
    static STDOUT_KEY: Value = Value::str("stdout");
}

fn native(name: &'static str, func: NativeFn) -> Value {
    Value::Native(Rc::new(NativeFunction { name, func, owner: None, is_method: false }))
}

fn module(name: &str, entries: Vec<(&str, Value)>) -> Value {
    let dict = Rc::new(PyDict::new());
    for (k, v) in entries {
        dict.set_str(k, v);
    }
    Value::Module(Rc::new(PyModule { name: Rc::new(PyStr::new(name.to_owned())), dict }))
}

fn streams() -> Rc<Streams> {
    STREAMS.with(|cell| {
        if let Some(s) = cell.borrow().as_ref() {
            return s.clone();
        }
        let s = Rc::new(Streams {
            stdout: module(
                "<stdout>",
                vec![
                    ("write", native("write", stdout_write)),
                    ("flush", native("flush", stdout_flush)),
                    ("writelines", native("writelines", stdout_writelines)),
                    ("isatty", native("isatty", stdout_isatty)),
                    ("name", Value::str("<stdout>")),
                    ("encoding", Value::str("utf-8")),
                ],
            ),
            stderr: module(
                "<stderr>",
                vec![
                    ("write", native("write", stderr_write)),
                    ("flush", native("flush", stderr_flush)),
                    ("writelines", native("writelines", stderr_writelines)),
                    ("isatty", native("isatty", stderr_isatty)),
                    ("name", Value::str("<stderr>")),
                    ("encoding", Value::str("utf-8")),
                ],
            ),
            stdin: module(
                "<stdin>",
                vec![
                    ("readline", native("readline", stdin_readline)),
                    ("read", native("read", stdin_read)),
                    ("readlines", native("readlines", stdin_readlines)),
                    ("isatty", native("isatty", stdin_isatty)),
                    ("name", Value::str("<stdin>")),
                    ("encoding", Value::str("utf-8")),
                ],
            ),
        });
        *cell.borrow_mut() = Some(s.clone());
        s
    })
}

/// The object `sys.stdout` starts as.
pub fn stdout_object() -> Value {
    streams().stdout.clone()
}

/// The object `sys.stderr` starts as.
pub fn stderr_object() -> Value {
    streams().stderr.clone()
}

/// The object `sys.stdin` starts as.
pub fn stdin_object() -> Value {
    streams().stdin.clone()
}

/// The current `sys.stdout` if `sys` has been imported (it may have been replaced by the
/// program); `None` before that, meaning the real stdout.
pub fn current_stdout() -> Option<Value> {
    SYS_DICT.with(|d| {
        let dict = d.borrow();
        let dict = dict.as_ref()?;
        STDOUT_KEY.with(|key| dict.get(key).ok().flatten())
    })
}

fn text_arg<'a>(args: &CallArgs<'a>) -> PyResult<&'a str> {
    match exactly_one("write", args)? {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(PyErr::type_error(format!("write() argument must be str, not {}", other.type_id().name()))),
    }
}

fn char_count(s: &str) -> Value {
    Value::Int(s.chars().count() as i64)
}

fn stdout_write(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let s = text_arg(&args)?;
    stdio::write_stdout(s)?;
    Ok(char_count(s))
}

fn stderr_write(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let s = text_arg(&args)?;
    stdio::write_stderr(s)?;
    Ok(char_count(s))
}

fn write_lines(vm: &mut Vm, args: &CallArgs<'_>, write: fn(&str) -> PyResult<()>) -> PyResult<Value> {
    let lines = exactly_one("writelines", args)?;
    for line in crate::builtins::functions::collect(vm, lines)? {
        match &line {
            Value::Str(s) => write(s.as_str())?,
            other => {
                return Err(PyErr::type_error(format!("write() argument must be str, not {}", other.type_id().name())))
            }
        }
    }
    Ok(Value::None)
}

fn stdout_writelines(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    write_lines(vm, &args, stdio::write_stdout)
}

fn stderr_writelines(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    write_lines(vm, &args, stdio::write_stderr)
}

fn no_args(name: &str, args: &CallArgs<'_>) -> PyResult<()> {
    no_kwargs(name, args)?;
    let n = args.positional().len();
    if n != 0 {
        return Err(PyErr::type_error(format!("{name}() takes no arguments ({n} given)")));
    }
    Ok(())
}

fn stdout_flush(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_args("flush", &args)?;
    stdio::flush_stdout()?;
    Ok(Value::None)
}

fn stderr_flush(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_args("flush", &args)?;
    Ok(Value::None)
}

fn stdout_isatty(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_args("isatty", &args)?;
    Ok(Value::Bool(std::io::IsTerminal::is_terminal(&std::io::stdout())))
}

fn stderr_isatty(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_args("isatty", &args)?;
    Ok(Value::Bool(std::io::IsTerminal::is_terminal(&std::io::stderr())))
}

fn stdin_isatty(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_args("isatty", &args)?;
    Ok(Value::Bool(std::io::IsTerminal::is_terminal(&std::io::stdin())))
}

fn stdin_readline(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("readline", &args)?;
    positional_count("readline", &args, 0, 1)?;
    Ok(Value::string(stdio::read_stdin_line()?.unwrap_or_default()))
}

fn stdin_read(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("read", &args)?;
    positional_count("read", &args, 0, 1)?;
    Ok(Value::string(stdio::read_stdin_all()?))
}

fn stdin_readlines(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("readlines", &args)?;
    positional_count("readlines", &args, 0, 1)?;
    let mut lines = Vec::new();
    while let Some(line) = stdio::read_stdin_line()? {
        lines.push(Value::string(line));
    }
    Ok(Value::list(lines))
}

fn sys_exit(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("exit", &args)?;
    let pos = positional_count("exit", &args, 0, 1)?;
    let exit_args = match pos.first() {
        None | Some(Value::None) => vec![],
        Some(code) => vec![code.clone()],
    };
    Err(PyErr::with_args(TypeId::SystemExit, exit_args))
}

fn sys_getrecursionlimit(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("sys.getrecursionlimit", &args)?;
    let n = args.positional().len();
    if n != 0 {
        return Err(PyErr::type_error(format!("sys.getrecursionlimit() takes no arguments ({n} given)")));
    }
    Ok(Value::Int(vm.recursion_limit as i64))
}

fn sys_setrecursionlimit(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("setrecursionlimit", &args)?;
    let limit = match int::index_i64(v) {
        Ok(n) => n,
        Err(e) if e.matches(TypeId::OverflowError) && int::sign_of(v) > 0 => {
            return Err(PyErr::overflow("Python int too large to convert to C int"))
        }
        Err(e) if e.matches(TypeId::OverflowError) => 0,
        Err(e) => return Err(e),
    };
    if limit < 1 {
        return Err(PyErr::value_error("recursion limit must be greater or equal than 1"));
    }
    if limit > i32::MAX as i64 {
        return Err(PyErr::overflow("Python int too large to convert to C int"));
    }
    let depth = vm.depth();
    if (limit as usize) <= depth {
        return Err(PyErr::new(
            TypeId::RecursionError,
            format!("cannot set the recursion limit to {limit} at the recursion depth {depth}: the limit is too low"),
        ));
    }
    vm.recursion_limit = limit as usize;
    Ok(Value::None)
}

fn sys_get_int_max_str_digits(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_args("get_int_max_str_digits", &args)?;
    Ok(Value::Int(int::max_str_digits() as i64))
}

fn sys_set_int_max_str_digits(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let slots: [Option<&Value>; 1] = crate::builtins::args::parse(
        &args,
        &crate::builtins::args::Signature {
            name: "set_int_max_str_digits",
            params: &["maxdigits"],
            positional: 1,
            required: 1,
            positional_only: 0,
        },
    )?;
    let n = int::index_i64(slots[0].unwrap_or(&Value::Int(0)))?;
    if n < 0 {
        return Err(PyErr::value_error(format!(
            "maxdigits must be 0 or larger than {}",
            int::MIN_MAX_STR_DIGITS
        )));
    }
    int::set_max_str_digits(n as usize)?;
    Ok(Value::None)
}

fn sys_intern(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    match exactly_one("intern", &args)? {
        s @ Value::Str(_) => Ok(s.clone()),
        other => Err(PyErr::type_error(format!("intern() argument must be str, not {}", other.type_id().name()))),
    }
}

/// `sys.exc_info()`: the exception being handled.
fn sys_exc_info(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_args("exc_info", &args)?;
    Ok(crate::vm::unwind::exc_info(vm))
}

fn sys_getdefaultencoding(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_args("getdefaultencoding", &args)?;
    Ok(Value::str("utf-8"))
}

fn platform_name() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    }
}

/// The initial `sys.path`: the script's directory as an absolute path ('' for `-c`, stdin and
/// the REPL), then the entries of `PYTHONPATH`.
fn initial_path(argv: &[String]) -> Vec<String> {
    let script_dir = match argv.first() {
        Some(script) if !matches!(script.as_str(), "" | "-" | "-c") => {
            let parent = std::path::Path::new(script).parent().filter(|p| !p.as_os_str().is_empty());
            let dir = parent.unwrap_or(std::path::Path::new("."));
            std::fs::canonicalize(dir).map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
        }
        _ => String::new(),
    };
    let mut path = vec![script_dir];
    if let Some(extra) = std::env::var_os("PYTHONPATH") {
        for entry in std::env::split_paths(&extra) {
            if !entry.as_os_str().is_empty() {
                path.push(crate::run::absolute_path(&entry).to_string_lossy().into_owned());
            }
        }
    }
    path
}

/// Create the `sys` module for `vm` (it is cached in `vm.modules` by the caller).
pub fn make_sys_module(vm: &mut Vm) -> Value {
    let (major, minor, micro) = VERSION_INFO;
    let version_info = Value::tuple(vec![
        Value::Int(major),
        Value::Int(minor),
        Value::Int(micro),
        Value::str("final"),
        Value::Int(0),
    ]);
    let argv = Value::list(vm.argv.iter().map(|a| Value::str(a)).collect());
    let path = Value::list(initial_path(&vm.argv).into_iter().map(Value::string).collect());
    let executable = std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    let implementation = module(
        "implementation",
        vec![
            ("name", Value::str("swallow")),
            ("version", version_info.clone()),
            ("cache_tag", Value::None),
        ],
    );
    let s = streams();
    let entries: Vec<(&str, Value)> = vec![
        ("__name__", Value::str("sys")),
        ("argv", argv),
        ("orig_argv", Value::list(vm.argv.iter().map(|a| Value::str(a)).collect())),
        ("version", Value::string(format!("{major}.{minor}.{micro} (swallow {})", crate::VERSION))),
        ("version_info", version_info),
        ("hexversion", Value::Int((major << 24) | (minor << 16) | (micro << 8) | 0xf0)),
        ("implementation", implementation),
        ("maxsize", Value::Int(i64::MAX)),
        ("maxunicode", Value::Int(0x10ffff)),
        ("platform", Value::str(platform_name())),
        ("byteorder", Value::str(if cfg!(target_endian = "little") { "little" } else { "big" })),
        ("path", path),
        ("modules", Value::Dict(vm.modules.clone())),
        ("executable", Value::string(executable)),
        ("stdout", s.stdout.clone()),
        ("stderr", s.stderr.clone()),
        ("stdin", s.stdin.clone()),
        ("__stdout__", s.stdout.clone()),
        ("__stderr__", s.stderr.clone()),
        ("__stdin__", s.stdin.clone()),
        ("exit", native("exit", sys_exit)),
        ("getrecursionlimit", native("getrecursionlimit", sys_getrecursionlimit)),
        ("setrecursionlimit", native("setrecursionlimit", sys_setrecursionlimit)),
        ("get_int_max_str_digits", native("get_int_max_str_digits", sys_get_int_max_str_digits)),
        ("set_int_max_str_digits", native("set_int_max_str_digits", sys_set_int_max_str_digits)),
        ("intern", native("intern", sys_intern)),
        ("getdefaultencoding", native("getdefaultencoding", sys_getdefaultencoding)),
        ("exc_info", native("exc_info", sys_exc_info)),
    ];
    let value = module("sys", entries);
    if let Value::Module(m) = &value {
        SYS_DICT.with(|d| *d.borrow_mut() = Some(m.dict.clone()));
    }
    value
}

/// `import sys`: the cached module, or a new one registered in `vm.modules`.
/// `BUILTIN_MODULES` initializer.
pub fn init(vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    match import_sys(vm)? {
        Value::Module(m) => Ok(m),
        _ => Err(PyErr::runtime_error("sys module is not a module")),
    }
}

pub fn import_sys(vm: &mut Vm) -> PyResult<Value> {
    if let Some(m) = vm.modules.get_str("sys") {
        return Ok(m);
    }
    let m = make_sys_module(vm);
    vm.modules.set(Value::str("sys"), m.clone())?;
    Ok(m)
}
