//! The `sys` module: argv, version, limits, `sys.modules`, the standard streams and
//! `sys.exit`. The stream objects (`modules::fileio::std_stream`) are shared by every `sys`
//! import of the thread so `print(..., file=sys.stderr)` can recognise them by identity.

use std::cell::RefCell;
use std::rc::Rc;

use crate::builtins::args::{exactly_one, no_kwargs, positional_count};
use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::int;
use crate::objects::str::PyStr;
use crate::modules::structseq;
use crate::objects::types::TypeId;
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
    use crate::modules::fileio::{std_stream, StdStream};
    STREAMS.with(|cell| {
        if let Some(s) = cell.borrow().as_ref() {
            return s.clone();
        }
        let s = Rc::new(Streams {
            stdout: std_stream(StdStream::Stdout),
            stderr: std_stream(StdStream::Stderr),
            stdin: std_stream(StdStream::Stdin),
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

fn no_args(name: &str, args: &CallArgs<'_>) -> PyResult<()> {
    no_kwargs(name, args)?;
    let n = args.positional().len();
    if n != 0 {
        return Err(PyErr::type_error(format!("{name}() takes no arguments ({n} given)")));
    }
    Ok(())
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

/// `sys.getsizeof(obj[, default])`: CPython's sizes on a 64-bit build for the common kinds
/// (approximate for containers, whose spare capacity is not modelled).
fn sys_getsizeof(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("getsizeof", &args)?;
    let pos = positional_count("getsizeof", &args, 1, 2)?;
    let v = &pos[0];
    let size = match v {
        Value::None | Value::Ellipsis | Value::NotImplemented | Value::Null => 16,
        Value::Bool(_) => 28,
        Value::Int(0) => 24,
        Value::Int(i) => 24 + 4 * (((64 - i.unsigned_abs().leading_zeros() as i64) + 29) / 30),
        Value::BigInt(b) => 24 + 4 * (((b.bits() as i64) + 29) / 30),
        Value::Float(_) => 24,
        Value::Str(s) => {
            let chars = s.char_count() as i64;
            let max = s.as_str().chars().map(|c| c as u32).max().unwrap_or(0);
            if s.is_ascii() {
                49 + chars
            } else if max < 0x100 {
                73 + chars
            } else if max < 0x10000 {
                74 + 2 * chars
            } else {
                76 + 4 * chars
            }
        }
        Value::Bytes(b) => 33 + b.data.len() as i64,
        Value::ByteArray(b) => 57 + b.data.borrow().capacity() as i64,
        Value::List(l) => 56 + 8 * l.items.borrow().capacity() as i64,
        Value::Tuple(t) => 40 + 8 * t.items.len() as i64,
        Value::Dict(d) => if d.is_empty() { 64 } else { 184 + 48 * (d.len() as i64).saturating_sub(5).max(0) },
        Value::Set(s) | Value::FrozenSet(s) => if s.len() <= 4 { 216 } else { 216 + 32 * (s.len() as u64).next_power_of_two() as i64 },
        Value::Range(_) => 48,
        Value::Function(_) => 152,
        _ => 48,
    };
    Ok(Value::Int(size))
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
    let version_info = structseq::new_instance(
        &structseq::new_type("version_info", "sys", &["major", "minor", "micro", "releaselevel", "serial"]),
        vec![Value::Int(major), Value::Int(minor), Value::Int(micro), Value::str("final"), Value::Int(0)],
    );
    let float_info = structseq::new_instance(
        &structseq::new_type(
            "float_info",
            "sys",
            &["max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon", "radix", "rounds"],
        ),
        vec![
            Value::float(f64::MAX),
            Value::Int(f64::MAX_EXP as i64),
            Value::Int(f64::MAX_10_EXP as i64),
            Value::float(f64::MIN_POSITIVE),
            Value::Int(f64::MIN_EXP as i64),
            Value::Int(f64::MIN_10_EXP as i64),
            Value::Int(f64::DIGITS as i64),
            Value::Int(f64::MANTISSA_DIGITS as i64),
            Value::float(f64::EPSILON),
            Value::Int(f64::RADIX as i64),
            Value::Int(1),
        ],
    );
    let int_info = structseq::new_instance(
        &structseq::new_type(
            "int_info",
            "sys",
            &["bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"],
        ),
        vec![Value::Int(30), Value::Int(4), Value::Int(4300), Value::Int(640)],
    );

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
        ("float_info", float_info),
        ("int_info", int_info),
        ("getsizeof", native("getsizeof", sys_getsizeof)),
        ("dont_write_bytecode", Value::bool(true)),
        ("prefix", Value::str("")),
        ("api_version", Value::Int(1013)),
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
