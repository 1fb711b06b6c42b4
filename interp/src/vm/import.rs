//! The import system: what `IMPORT_NAME`, `IMPORT_FROM` and `IMPORT_STAR` do.
//!
//! A dotted name is imported one component at a time (`a`, then `a.b`, then `a.b.c`). Each
//! component is looked up in `sys.modules`, then among the modules implemented in Rust
//! (`modules::BUILTIN_MODULES`), then on the search path: `sys.path` for a top-level name, the
//! parent package's `__path__` for a submodule. On a path entry `dir`, `dir/NAME/__init__.py`
//! is a package and `dir/NAME.py` a plain module. A module is put in `sys.modules` before its
//! body runs (so a circular import sees the partial module) and removed again if the body
//! raises. A loaded submodule becomes an attribute of its parent package.
//!
//! Relative imports (`from . import m`, level > 0) resolve against the importing module's
//! `__package__` (or, when that is None, its `__name__` and whether it has `__path__`), with
//! CPython's errors when there is no parent package or the level goes above the top.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::compiler::{self, CompileError, Mode};
use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::types::TypeId;
use crate::ops;
use crate::value::{PyModule, Value};
use crate::vm::Vm;

/// Import bookkeeping of one interpreter.
#[derive(Default)]
pub struct ImportState {
    /// Names of the modules whose body is running (innermost last): an `IMPORT_FROM` that
    /// fails on one of them is reported as a circular import.
    initializing: Vec<Rc<str>>,
}

/// `IMPORT_NAME`: import `name` as the module whose globals are `globals` asks for with
/// `fromlist` (None or a tuple of names) and `level` (0 = absolute). Returns what the
/// instruction pushes: the top-level package for `import a.b`, the module itself when a
/// fromlist is given.
pub fn import_name(vm: &mut Vm, name: &str, fromlist: &Value, level: &Value, globals: &Rc<PyDict>) -> PyResult<Value> {
    let level = match level {
        Value::Int(n) if *n >= 0 => *n as usize,
        Value::Int(_) => return Err(PyErr::value_error("level must be >= 0")),
        _ => 0,
    };
    let absolute = if level > 0 { resolve_relative(name, globals, level)? } else { name.to_owned() };
    if absolute.is_empty() {
        return Err(PyErr::value_error("Empty module name"));
    }
    let module = import_module(vm, &absolute)?;
    let names = fromlist_names(fromlist);
    if names.is_empty() {
        if level == 0 {
            let top = name.split('.').next().unwrap_or(name);
            return match vm.modules.get_str(top) {
                Some(m) => Ok(m),
                None => Err(not_found(top)),
            };
        }
        if name.is_empty() {
            return Ok(module);
        }
        // `__import__('b.c', level=1)` without a fromlist returns the package that `b` is in.
        let top_len = name.split('.').next().map_or(0, str::len);
        let cut = absolute.len() - (name.len() - top_len);
        return match vm.modules.get_str(&absolute[..cut]) {
            Some(m) => Ok(m),
            None => Err(not_found(&absolute[..cut])),
        };
    }
    handle_fromlist(vm, &module, &names, false)?;
    Ok(module)
}

/// Import the module with absolute dotted name `name` (and its parents) and return it.
/// `importlib.import_module` and the import statement end here.
pub fn import_module(vm: &mut Vm, name: &str) -> PyResult<Value> {
    if let Some(m) = cached(vm, name)? {
        return Ok(m);
    }
    let (parent, child) = match name.rfind('.') {
        Some(dot) => (&name[..dot], &name[dot + 1..]),
        None => ("", name),
    };
    let mut search_path: Option<Vec<String>> = None;
    let mut parent_module: Option<Value> = None;
    if !parent.is_empty() {
        let p = import_module(vm, parent)?;
        // Importing the parent may have imported this module as a side effect.
        if let Some(m) = cached(vm, name)? {
            return Ok(m);
        }
        let builtin = crate::modules::find_builtin_module(name).is_some();
        search_path = Some(match package_path(&p) {
            Some(path) => path,
            // A module implemented in Rust may live under a parent that is not a package.
            None if builtin => Vec::new(),
            None => {
                return Err(import_error(
                    TypeId::ModuleNotFoundError,
                    format!("No module named '{name}'; '{parent}' is not a package"),
                    Some(name),
                    None,
                ))
            }
        });
        parent_module = Some(p);
    }
    let module = match crate::modules::find_builtin_module(name) {
        Some(init) => {
            let m = Value::Module(init(vm)?);
            // An initializer may register itself (sys does); keep what is in sys.modules.
            match vm.modules.get_str(name) {
                Some(existing) => existing,
                None => {
                    vm.modules.set(Value::str(name), m.clone())?;
                    m
                }
            }
        }
        None => {
            let entries = match search_path {
                Some(path) => path,
                None => sys_path(vm)?,
            };
            match find_source(&entries, child) {
                Some(found) => load_source(vm, name, found)?,
                None => return Err(not_found(name)),
            }
        }
    };
    if let Some(parent) = parent_module {
        ops::setattr(vm, &parent, child, module.clone())?;
    }
    Ok(module)
}

/// `sys.modules[name]` if present; a None entry blocks the import as in CPython.
fn cached(vm: &Vm, name: &str) -> PyResult<Option<Value>> {
    match vm.modules.get_str(name) {
        Some(Value::None) => Err(PyErr::new(
            TypeId::ModuleNotFoundError,
            format!("import of {name} halted; None in sys.modules"),
        )),
        other => Ok(other),
    }
}

fn not_found(name: &str) -> PyErr {
    import_error(TypeId::ModuleNotFoundError, format!("No module named '{name}'"), Some(name), None)
}

/// An ImportError (or subclass) with its `msg`, `name` and `path` attributes set.
fn import_error(ty: TypeId, message: String, name: Option<&str>, path: Option<&str>) -> PyErr {
    let err = crate::objects::exception::new_import_error(ty, message, name);
    let dict = crate::objects::exception::instance_dict(err.exception());
    if name.is_none() {
        dict.set_str("name", Value::None);
    }
    dict.set_str("path", path.map_or(Value::None, Value::str));
    err
}

/// The names of a fromlist constant (empty for None).
fn fromlist_names(fromlist: &Value) -> Vec<Rc<str>> {
    let items: &[Value] = match fromlist {
        Value::Tuple(t) => &t.items,
        _ => return Vec::new(),
    };
    items
        .iter()
        .filter_map(|v| match v {
            Value::Str(s) => Some(Rc::from(s.as_str())),
            _ => None,
        })
        .collect()
}

/// For a package imported with a fromlist: import the listed names that are submodules and
/// not yet attributes (`from pkg import sub`); `*` imports the submodules named in `__all__`.
fn handle_fromlist(vm: &mut Vm, module: &Value, names: &[Rc<str>], recursive: bool) -> PyResult<()> {
    let Value::Module(m) = module else { return Ok(()) };
    if m.dict.get_str("__path__").is_none() {
        return Ok(());
    }
    for name in names {
        if &**name == "*" {
            if recursive {
                continue;
            }
            if let Some(all) = m.dict.get_str("__all__") {
                let listed: Vec<Rc<str>> = ops::collect(vm, &all)?
                    .iter()
                    .filter_map(|v| match v {
                        Value::Str(s) => Some(Rc::from(s.as_str())),
                        _ => None,
                    })
                    .collect();
                handle_fromlist(vm, module, &listed, true)?;
            }
            continue;
        }
        if m.dict.get_str(name).is_some() {
            continue;
        }
        let full = format!("{}.{}", m.name.as_str(), name);
        match import_module(vm, &full) {
            Ok(_) => {}
            // The name may be defined later or not at all: IMPORT_FROM reports it.
            Err(e) if e.matches(TypeId::ModuleNotFoundError) && error_text(&e) == format!("No module named '{full}'") => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The message of an exception created by `PyErr::new`.
fn error_text(err: &PyErr) -> String {
    match err.exception().args().items.first() {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => String::new(),
    }
}

/// The absolute name of `from <'.' * level><name> import ...` in the module with `globals`.
fn resolve_relative(name: &str, globals: &PyDict, level: usize) -> PyResult<String> {
    let package = match globals.get_str("__package__") {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        Some(Value::None) | None => {
            let module_name = match globals.get_str("__name__") {
                Some(Value::Str(s)) => s.as_str().to_owned(),
                _ => return Err(PyErr::new(TypeId::KeyError, "'__name__' not in globals")),
            };
            if globals.get_str("__path__").is_some() {
                module_name
            } else {
                module_name.rsplit_once('.').map(|(p, _)| p.to_owned()).unwrap_or_default()
            }
        }
        Some(_) => return Err(PyErr::type_error("package must be a string")),
    };
    if package.is_empty() {
        return Err(PyErr::new(TypeId::ImportError, "attempted relative import with no known parent package"));
    }
    // Going up `level - 1` packages from `package`.
    let mut base = package.as_str();
    for _ in 1..level {
        match base.rfind('.') {
            Some(dot) => base = &base[..dot],
            None => {
                return Err(PyErr::new(TypeId::ImportError, "attempted relative import beyond top-level package"))
            }
        }
    }
    Ok(if name.is_empty() { base.to_owned() } else { format!("{base}.{name}") })
}

/// The `__path__` entries of a package module; `None` if `module` is not a package.
fn package_path(module: &Value) -> Option<Vec<String>> {
    let Value::Module(m) = module else { return None };
    let path = m.dict.get_str("__path__")?;
    let items = match &path {
        Value::List(l) => l.items.borrow().clone(),
        Value::Tuple(t) => t.items.to_vec(),
        _ => return Some(Vec::new()),
    };
    Some(items.iter().filter_map(path_entry).collect())
}

fn path_entry(v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.as_str().to_owned()),
        _ => None,
    }
}

/// The entries of `sys.path` (the list the program may have changed).
fn sys_path(vm: &mut Vm) -> PyResult<Vec<String>> {
    let sys = crate::modules::sys::import_sys(vm)?;
    let path = match &sys {
        Value::Module(m) => m.dict.get_str("path"),
        _ => None,
    };
    Ok(match path {
        Some(Value::List(l)) => l.items.borrow().iter().filter_map(path_entry).collect(),
        _ => Vec::new(),
    })
}

/// A module's source found on the search path.
struct FoundSource {
    /// The `.py` file (`__init__.py` for a package).
    file: PathBuf,
    /// The package directory, for packages.
    package_dir: Option<PathBuf>,
}

/// Look for module `name` (one component) in each directory of `entries`.
fn find_source(entries: &[String], name: &str) -> Option<FoundSource> {
    for entry in entries {
        let dir = if entry.is_empty() {
            std::env::current_dir().ok()?
        } else {
            crate::run::absolute_path(Path::new(entry))
        };
        let package_dir = dir.join(name);
        let init = package_dir.join("__init__.py");
        if init.is_file() {
            return Some(FoundSource { file: init, package_dir: Some(package_dir) });
        }
        let file = dir.join(format!("{name}.py"));
        if file.is_file() {
            return Some(FoundSource { file, package_dir: None });
        }
    }
    None
}

/// Compile and run a module's source as module `name`, registered in `sys.modules` while
/// its body runs (and removed again if it fails).
fn load_source(vm: &mut Vm, name: &str, found: FoundSource) -> PyResult<Value> {
    let filename = found.file.display().to_string();
    let bytes = std::fs::read(&found.file).map_err(|e| crate::oserror::os_error(&e, Some(&filename)))?;
    let code = crate::run::decode_source(&bytes, &filename)
        .and_then(|source| compiler::compile(&source, &filename, Mode::Module).map_err(|e| crate::run::with_source_text(e, &source)))
        .map_err(syntax_error)?;

    let module = PyModule::new(name);
    let dict = module.dict.clone();
    dict.set_str("__file__", Value::str(&filename));
    dict.set_str("__builtins__", Value::Dict(vm.builtins.clone()));
    dict.set_str("__spec__", Value::None);
    match &found.package_dir {
        Some(dir) => {
            dict.set_str("__package__", Value::str(name));
            dict.set_str("__path__", Value::list(vec![Value::string(dir.display().to_string())]));
        }
        None => {
            let package = name.rsplit_once('.').map_or("", |(p, _)| p);
            dict.set_str("__package__", Value::str(package));
        }
    }
    let module = Value::Module(module);
    vm.modules.set(Value::str(name), module.clone())?;
    let key: Rc<str> = Rc::from(name);
    vm.imports.initializing.push(key);
    let result = vm.run_module_code(code, dict);
    vm.imports.initializing.pop();
    if let Err(e) = result {
        vm.modules.remove(&Value::str(name))?;
        return Err(e);
    }
    // The body may have replaced its own sys.modules entry.
    Ok(vm.modules.get_str(name).unwrap_or(module))
}

/// A compile error in an imported module as a raised SyntaxError carrying its location.
pub fn syntax_error(err: CompileError) -> PyErr {
    let ty = if err.indentation { TypeId::IndentationError } else { TypeId::SyntaxError };
    if err.line == 0 {
        return PyErr::new(ty, err.msg);
    }
    let end_offset = if err.end_col > 0 { Value::Int(err.end_col as i64) } else { Value::Int(err.col as i64) };
    let details = Value::tuple(vec![
        Value::string(err.filename),
        Value::Int(err.line as i64),
        Value::Int(err.col as i64),
        Value::string(err.text),
        Value::Int(err.line as i64),
        end_offset,
    ]);
    PyErr::with_args(ty, vec![Value::string(err.msg), details])
}

/// `IMPORT_FROM`: attribute `name` of `module`, else the submodule `module.name` from
/// `sys.modules`, else ImportError.
pub fn import_from(vm: &mut Vm, module: &Value, name: &str) -> PyResult<Value> {
    match ops::getattr(vm, module, name) {
        Ok(v) => return Ok(v),
        Err(e) if e.matches(TypeId::AttributeError) => {}
        Err(e) => return Err(e),
    }
    let Value::Module(m) = module else {
        return Err(PyErr::new(TypeId::ImportError, format!("cannot import name '{name}'")));
    };
    let module_name = match m.dict.get_str("__name__") {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => return Err(PyErr::new(TypeId::ImportError, format!("cannot import name '{name}'"))),
    };
    if let Some(sub) = vm.modules.get_str(&format!("{module_name}.{name}")) {
        return Ok(sub);
    }
    let file = match m.dict.get_str("__file__") {
        Some(Value::Str(f)) => Some(f.as_str().to_owned()),
        _ => None,
    };
    let location = file.clone().unwrap_or_else(|| "unknown location".to_owned());
    let message = if vm.imports.initializing.iter().any(|n| **n == *module_name) {
        format!(
            "cannot import name '{name}' from partially initialized module '{module_name}' (most likely due to a circular import) ({location})"
        )
    } else {
        format!("cannot import name '{name}' from '{module_name}' ({location})")
    };
    Err(import_error(TypeId::ImportError, message, Some(&module_name), file.as_deref()))
}

/// `IMPORT_STAR`: copy the names `module.__all__` lists (or every name not starting with an
/// underscore) into `namespace`.
pub fn import_star(vm: &mut Vm, module: &Value, namespace: &PyDict) -> PyResult<()> {
    let Value::Module(m) = module else {
        return Err(PyErr::unsupported("'from ... import *' of a non-module"));
    };
    match m.dict.get_str("__all__") {
        Some(all) => {
            for item in ops::collect(vm, &all)? {
                let Value::Str(s) = &item else {
                    return Err(PyErr::type_error(format!(
                        "Item in {}.__all__ must be str, not {}",
                        m.name.as_str(),
                        item.type_id().name()
                    )));
                };
                let value = ops::getattr(vm, module, s.as_str())?;
                namespace.set(item.clone(), value)?;
            }
        }
        None => {
            for (key, value) in m.dict.items() {
                if matches!(&key, Value::Str(s) if s.as_str().starts_with('_')) {
                    continue;
                }
                namespace.set(key, value)?;
            }
        }
    }
    Ok(())
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
pub fn builtin_import(vm: &mut Vm, call: crate::value::CallArgs<'_>) -> PyResult<Value> {
    let slots: [Option<&Value>; 5] = crate::builtins::args::parse(
        &call,
        &crate::builtins::args::Signature {
            name: "__import__",
            params: &["name", "globals", "locals", "fromlist", "level"],
            positional: 5,
            required: 1,
            positional_only: 0,
        },
    )?;
    let name = match slots[0] {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        Some(other) => {
            return Err(PyErr::type_error(format!("module name must be str, not {}", other.type_id().name())))
        }
        None => String::new(),
    };
    let globals = match slots[1] {
        Some(Value::Dict(d)) => d.clone(),
        _ => Rc::new(PyDict::new()),
    };
    let fromlist = match slots[3] {
        Some(v @ Value::Tuple(_)) => v.clone(),
        Some(Value::None) | None => Value::None,
        Some(other) => Value::tuple(ops::collect(vm, other)?),
    };
    let level = slots[4].cloned().unwrap_or(Value::Int(0));
    if name.is_empty() && matches!(level, Value::Int(0)) {
        return Err(PyErr::value_error("Empty module name"));
    }
    import_name(vm, &name, &fromlist, &level, &globals)
}

/// `importlib.import_module(name, package=None)`: the module itself (not the top package);
/// a leading dot makes `name` relative to `package`.
pub fn importlib_import_module(vm: &mut Vm, call: crate::value::CallArgs<'_>) -> PyResult<Value> {
    let slots: [Option<&Value>; 2] = crate::builtins::args::parse(
        &call,
        &crate::builtins::args::Signature {
            name: "import_module",
            params: &["name", "package"],
            positional: 2,
            required: 1,
            positional_only: 0,
        },
    )?;
    let name = match slots[0] {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        Some(other) => {
            return Err(PyErr::attribute_error(format!(
                "'{}' object has no attribute 'startswith'",
                other.type_id().name()
            )))
        }
        None => String::new(),
    };
    let level = name.chars().take_while(|&c| c == '.').count();
    if level == 0 {
        if name.is_empty() {
            return Err(PyErr::value_error("Empty module name"));
        }
        return import_module(vm, &name);
    }
    let package = match slots[1] {
        Some(Value::Str(p)) => p.as_str().to_owned(),
        _ => {
            return Err(PyErr::type_error(format!(
                "the 'package' argument is required to perform a relative import for '{name}'"
            )))
        }
    };
    let globals = PyDict::new();
    globals.set_str("__package__", Value::string(package));
    let absolute = resolve_relative(&name[level..], &globals, level)?;
    import_module(vm, &absolute)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globals(entries: &[(&str, Value)]) -> PyDict {
        let d = PyDict::new();
        for (k, v) in entries {
            d.set_str(k, v.clone());
        }
        d
    }

    fn message(r: PyResult<String>) -> String {
        match r {
            Ok(s) => s,
            Err(e) => error_text(&e),
        }
    }

    #[test]
    fn relative_names_resolve_against_the_package() {
        let g = globals(&[("__name__", Value::str("pkg.sub.mod")), ("__package__", Value::str("pkg.sub"))]);
        assert_eq!(message(resolve_relative("m", &g, 1)), "pkg.sub.m");
        assert_eq!(message(resolve_relative("", &g, 1)), "pkg.sub");
        assert_eq!(message(resolve_relative("q", &g, 2)), "pkg.q");
        assert_eq!(message(resolve_relative("q", &g, 3)), "attempted relative import beyond top-level package");
    }

    #[test]
    fn relative_import_without_package_fails_like_cpython() {
        let g = globals(&[("__name__", Value::str("__main__")), ("__package__", Value::None)]);
        assert_eq!(message(resolve_relative("m", &g, 1)), "attempted relative import with no known parent package");
        // A package's own __init__ (has __path__, no __package__) is its own parent.
        let g = globals(&[("__name__", Value::str("pkg")), ("__path__", Value::list(vec![]))]);
        assert_eq!(message(resolve_relative("m", &g, 1)), "pkg.m");
    }
}
