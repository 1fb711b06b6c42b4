//! The `os` module (environment, working directory, files and directories, process facts)
//! and `os.path` (POSIX path manipulation, registered as `os.path` in `sys.modules` with the
//! name `posixpath`, as in CPython). `os.environ` is a dict snapshot of the environment taken
//! at import; `os.getenv` reads it, so changes made through it are seen by the program.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::args;
use crate::oserror::os_error;
use crate::ops;
use crate::value::{CallArgs, PyModule, Value};
use crate::vm::Vm;

pub fn init(vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("os");
    m.add("name", Value::str("posix"));
    m.add("sep", Value::str("/"));
    m.add("altsep", Value::None);
    m.add("linesep", Value::str("\n"));
    m.add("curdir", Value::str("."));
    m.add("pardir", Value::str(".."));
    m.add("extsep", Value::str("."));
    m.add("pathsep", Value::str(":"));
    m.add("devnull", Value::str("/dev/null"));
    let environ = crate::objects::dict::PyDict::new();
    for (key, value) in std::env::vars_os() {
        environ.set(
            Value::string(key.to_string_lossy().into_owned()),
            Value::string(value.to_string_lossy().into_owned()),
        )?;
    }
    m.add("environ", Value::Dict(Rc::new(environ)));
    m.add_function("getenv", os_getenv);
    m.add_function("getcwd", os_getcwd);
    m.add_function("chdir", os_chdir);
    m.add_function("listdir", os_listdir);
    m.add_function("remove", os_remove);
    m.add_function("unlink", os_remove);
    m.add_function("rmdir", os_rmdir);
    m.add_function("mkdir", os_mkdir);
    m.add_function("makedirs", os_makedirs);
    m.add_function("rename", os_rename);
    m.add_function("replace", os_rename);
    m.add_function("getpid", os_getpid);
    m.add_function("cpu_count", os_cpu_count);
    m.add_function("urandom", os_urandom);
    m.add_function("fspath", os_fspath);

    let path = make_path_module();
    let path_value = Value::Module(path);
    m.add("path", path_value.clone());
    vm.modules.set(Value::str("os.path"), path_value)?;
    Ok(m)
}

/// The `os.path` module (`posixpath`).
fn make_path_module() -> Rc<PyModule> {
    let p = PyModule::new("posixpath");
    p.add("sep", Value::str("/"));
    p.add("curdir", Value::str("."));
    p.add("pardir", Value::str(".."));
    p.add("extsep", Value::str("."));
    p.add_function("join", path_join);
    p.add_function("exists", path_exists);
    p.add_function("isfile", path_isfile);
    p.add_function("isdir", path_isdir);
    p.add_function("isabs", path_isabs);
    p.add_function("basename", path_basename);
    p.add_function("dirname", path_dirname);
    p.add_function("split", path_split);
    p.add_function("splitext", path_splitext);
    p.add_function("normpath", path_normpath);
    p.add_function("abspath", path_abspath);
    p.add_function("realpath", path_realpath);
    p.add_function("getsize", path_getsize);
    p.add_function("expanduser", path_expanduser);
    p.add_function("commonprefix", path_commonprefix);
    p
}

/// A path argument: str (bytes paths are not supported).
fn path_text<'a>(v: &'a Value, function: &str) -> PyResult<&'a str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(PyErr::type_error(format!(
            "{function}: path should be string, bytes or os.PathLike, not {}",
            ops::type_name(other)
        ))),
    }
}

/// `os.path` functions take `str` and name the type differently.
fn path_str(v: &Value) -> PyResult<&str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(PyErr::type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            ops::type_name(other)
        ))),
    }
}

fn one_path<'a>(call: &CallArgs<'a>, function: &str) -> PyResult<&'a str> {
    path_str(crate::builtins::args::exactly_one(function, call)?)
}

// ---- os -----------------------------------------------------------------------------------

fn os_getenv(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let slots: [Option<&Value>; 2] = crate::builtins::args::parse(
        &call,
        &crate::builtins::args::Signature { name: "getenv", params: &["key", "default"], positional: 2, required: 1, positional_only: 0 },
    )?;
    let key = slots[0].unwrap_or(&Value::None);
    if !matches!(key, Value::Str(_)) {
        return Err(PyErr::type_error(format!("str expected, not {}", ops::type_name(key))));
    }
    let os = crate::vm::import::import_module(vm, "os")?;
    let environ = ops::getattr(vm, &os, "environ")?;
    let default = slots[1].cloned().unwrap_or(Value::None);
    match &environ {
        Value::Dict(d) => Ok(d.get(key)?.unwrap_or(default)),
        _ => Ok(default),
    }
}

fn os_getcwd(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    args::check_no_kwargs("getcwd", &call)?;
    let dir = std::env::current_dir().map_err(|e| os_error(&e, None))?;
    Ok(Value::string(dir.to_string_lossy().into_owned()))
}

fn os_chdir(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let path = path_text(crate::builtins::args::exactly_one("chdir", &call)?, "chdir")?;
    std::env::set_current_dir(path).map_err(|e| os_error(&e, Some(path)))?;
    Ok(Value::None)
}

fn os_listdir(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let pos = crate::builtins::args::positional_count("listdir", &call, 0, 1)?;
    let path = match pos.first() {
        None | Some(Value::None) => ".",
        Some(v) => path_text(v, "listdir")?,
    };
    let entries = std::fs::read_dir(path).map_err(|e| os_error(&e, Some(path)))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| os_error(&e, Some(path)))?;
        names.push(Value::string(entry.file_name().to_string_lossy().into_owned()));
    }
    Ok(Value::list(names))
}

fn os_remove(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let path = path_text(crate::builtins::args::exactly_one("remove", &call)?, "remove")?;
    let is_dir = std::fs::symlink_metadata(path).map(|m| m.is_dir()).unwrap_or(false);
    if is_dir {
        return Err(os_error(&std::io::Error::from_raw_os_error(21), Some(path)));
    }
    std::fs::remove_file(path).map_err(|e| os_error(&e, Some(path)))?;
    Ok(Value::None)
}

fn os_rmdir(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let path = path_text(crate::builtins::args::exactly_one("rmdir", &call)?, "rmdir")?;
    std::fs::remove_dir(path).map_err(|e| os_error(&e, Some(path)))?;
    Ok(Value::None)
}

fn os_mkdir(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let slots: [Option<&Value>; 2] = crate::builtins::args::parse(
        &call,
        &crate::builtins::args::Signature { name: "mkdir", params: &["path", "mode"], positional: 2, required: 1, positional_only: 0 },
    )?;
    let path = path_text(slots[0].unwrap_or(&Value::None), "mkdir")?;
    std::fs::create_dir(path).map_err(|e| os_error(&e, Some(path)))?;
    Ok(Value::None)
}

fn os_makedirs(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let slots: [Option<&Value>; 3] = crate::builtins::args::parse(
        &call,
        &crate::builtins::args::Signature {
            name: "makedirs",
            params: &["name", "mode", "exist_ok"],
            positional: 3,
            required: 1,
            positional_only: 0,
        },
    )?;
    let path = path_text(slots[0].unwrap_or(&Value::None), "makedirs")?;
    let exist_ok = match slots[2] {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    if std::path::Path::new(path).is_dir() {
        if exist_ok {
            return Ok(Value::None);
        }
        return Err(os_error(&std::io::Error::from_raw_os_error(17), Some(path)));
    }
    std::fs::create_dir_all(path).map_err(|e| os_error(&e, Some(path)))?;
    Ok(Value::None)
}

fn os_rename(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let slots: [Option<&Value>; 2] = crate::builtins::args::parse(
        &call,
        &crate::builtins::args::Signature { name: "rename", params: &["src", "dst"], positional: 2, required: 2, positional_only: 0 },
    )?;
    let src = path_text(slots[0].unwrap_or(&Value::None), "rename")?;
    let dst = path_text(slots[1].unwrap_or(&Value::None), "rename")?;
    std::fs::rename(src, dst).map_err(|e| {
        let err = os_error(&e, Some(src));
        if let Some(dict) = err.exception().dict.borrow().as_ref() {
            dict.set_str("filename2", Value::str(dst));
        }
        err
    })?;
    Ok(Value::None)
}

fn os_getpid(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    args::check_no_kwargs("getpid", &call)?;
    Ok(Value::Int(std::process::id() as i64))
}

fn os_cpu_count(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    args::check_no_kwargs("cpu_count", &call)?;
    Ok(std::thread::available_parallelism().map_or(Value::None, |n| Value::Int(n.get() as i64)))
}

fn os_urandom(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let n = crate::objects::int::index_i64(crate::builtins::args::exactly_one("urandom", &call)?)?;
    if n < 0 {
        return Err(PyErr::value_error("negative argument not allowed"));
    }
    let n = usize::try_from(n).map_err(|_| PyErr::memory_error())?;
    let mut data = Vec::new();
    data.try_reserve_exact(n).map_err(|_| PyErr::memory_error())?;
    data.resize(n, 0);
    let mut source = std::fs::File::open("/dev/urandom").map_err(|e| os_error(&e, None))?;
    std::io::Read::read_exact(&mut source, &mut data).map_err(|e| os_error(&e, None))?;
    Ok(crate::objects::bytes::new_bytes(data))
}

fn os_fspath(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let v = crate::builtins::args::exactly_one("fspath", &call)?;
    match v {
        Value::Str(_) | Value::Bytes(_) => Ok(v.clone()),
        other => Err(PyErr::type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            ops::type_name(other)
        ))),
    }
}

// ---- os.path ------------------------------------------------------------------------------

/// `posixpath.join`: an absolute component restarts the path.
pub fn join_paths(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if part.starts_with('/') {
            out = (*part).to_owned();
        } else if i == 0 || out.is_empty() || out.ends_with('/') {
            out.push_str(part);
        } else {
            out.push('/');
            out.push_str(part);
        }
    }
    out
}

fn path_join(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    args::check_no_kwargs("join", &call)?;
    let pos = call.positional();
    if pos.is_empty() {
        return Err(PyErr::type_error("join() missing 1 required positional argument: 'a'"));
    }
    let mut parts = Vec::with_capacity(pos.len());
    for v in pos {
        match v {
            Value::Str(s) => parts.push(s.as_str()),
            other => {
                return Err(PyErr::type_error(format!(
                    "join() argument must be str, bytes, or os.PathLike object, not '{}'",
                    ops::type_name(other)
                )))
            }
        }
    }
    Ok(Value::string(join_paths(&parts)))
}

fn path_exists(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    // An int is an open file descriptor.
    if let Value::Int(fd) = crate::builtins::args::exactly_one("exists", &call)? {
        return Ok(Value::bool(*fd >= 0 && std::path::Path::new(&format!("/proc/self/fd/{fd}")).exists()));
    }
    let path = one_path(&call, "exists")?;
    Ok(Value::bool(std::fs::metadata(path).is_ok()))
}

fn path_isfile(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let path = one_path(&call, "isfile")?;
    Ok(Value::bool(std::fs::metadata(path).map(|m| m.is_file()).unwrap_or(false)))
}

fn path_isdir(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let path = one_path(&call, "isdir")?;
    Ok(Value::bool(std::fs::metadata(path).map(|m| m.is_dir()).unwrap_or(false)))
}

fn path_isabs(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::bool(one_path(&call, "isabs")?.starts_with('/')))
}

/// (head, tail) as `posixpath.split`: tail after the last `/`; head without trailing
/// slashes unless it is all slashes.
fn split_path(path: &str) -> (String, String) {
    let cut = path.rfind('/').map_or(0, |i| i + 1);
    let (head, tail) = path.split_at(cut);
    let trimmed = head.trim_end_matches('/');
    let head = if trimmed.is_empty() { head } else { trimmed };
    (head.to_owned(), tail.to_owned())
}

fn path_basename(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::string(split_path(one_path(&call, "basename")?).1))
}

fn path_dirname(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::string(split_path(one_path(&call, "dirname")?).0))
}

fn path_split(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let (head, tail) = split_path(one_path(&call, "split")?);
    Ok(Value::tuple(vec![Value::string(head), Value::string(tail)]))
}

/// `posixpath.splitext`: the extension starts at the last dot of the last component, unless
/// the component is only dots before it (`.bashrc` has no extension).
fn split_extension(path: &str) -> (String, String) {
    let name_start = path.rfind('/').map_or(0, |i| i + 1);
    let name = &path[name_start..];
    if let Some(dot) = name.rfind('.') {
        if name[..dot].chars().any(|c| c != '.') {
            let at = name_start + dot;
            return (path[..at].to_owned(), path[at..].to_owned());
        }
    }
    (path.to_owned(), String::new())
}

fn path_splitext(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let (root, ext) = split_extension(one_path(&call, "splitext")?);
    Ok(Value::tuple(vec![Value::string(root), Value::string(ext)]))
}

/// `posixpath.normpath`.
pub fn normalize_path(path: &str) -> String {
    if path.is_empty() {
        return ".".to_owned();
    }
    // POSIX keeps exactly two leading slashes; one or three and more become one.
    let leading = if path.starts_with("//") && !path.starts_with("///") {
        "//"
    } else if path.starts_with('/') {
        "/"
    } else {
        ""
    };
    let mut parts: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                if !leading.is_empty() && parts.is_empty() {
                    continue;
                }
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = format!("{leading}{}", parts.join("/"));
    if joined.is_empty() {
        ".".to_owned()
    } else {
        joined
    }
}

fn path_normpath(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::string(normalize_path(one_path(&call, "normpath")?)))
}

fn absolute(path: &str) -> PyResult<String> {
    if path.starts_with('/') {
        return Ok(normalize_path(path));
    }
    let cwd = std::env::current_dir().map_err(|e| os_error(&e, None))?;
    Ok(normalize_path(&join_paths(&[&cwd.to_string_lossy(), path])))
}

fn path_abspath(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::string(absolute(one_path(&call, "abspath")?)?))
}

fn path_realpath(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let path = absolute(one_path(&call, "realpath")?)?;
    Ok(Value::string(
        std::fs::canonicalize(&path).map(|p| p.to_string_lossy().into_owned()).unwrap_or(path),
    ))
}

fn path_getsize(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let path = one_path(&call, "getsize")?;
    let meta = std::fs::metadata(path).map_err(|e| os_error(&e, Some(path)))?;
    Ok(Value::Int(meta.len() as i64))
}

fn path_expanduser(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let path = one_path(&call, "expanduser")?;
    let Some(rest) = path.strip_prefix('~') else { return Ok(Value::str(path)) };
    if !(rest.is_empty() || rest.starts_with('/')) {
        return Ok(Value::str(path));
    }
    match std::env::var("HOME") {
        Ok(home) => {
            let home = if home.len() > 1 { home.trim_end_matches('/') } else { home.as_str() };
            Ok(Value::string(format!("{home}{rest}")))
        }
        Err(_) => Ok(Value::str(path)),
    }
}

fn path_commonprefix(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let list = crate::builtins::args::exactly_one("commonprefix", &call)?;
    let items = ops::collect(vm, list)?;
    let mut texts = Vec::with_capacity(items.len());
    for item in &items {
        texts.push(path_str(item)?);
    }
    let Some(first) = texts.iter().min() else { return Ok(Value::str("")) };
    let Some(last) = texts.iter().max() else { return Ok(Value::str("")) };
    let common: String =
        first.chars().zip(last.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect();
    Ok(Value::string(common))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_path_rules() {
        assert_eq!(join_paths(&["a", "b", "/c", "d"]), "/c/d");
        assert_eq!(join_paths(&["a/", "b"]), "a/b");
        assert_eq!(join_paths(&["", "a"]), "a");
        assert_eq!(join_paths(&["a", ""]), "a/");
        assert_eq!(normalize_path("a//b/../c/./d"), "a/c/d");
        assert_eq!(normalize_path("/.."), "/");
        assert_eq!(normalize_path("//a"), "//a");
        assert_eq!(normalize_path("///a"), "/a");
        assert_eq!(normalize_path("../x/.."), "..");
        assert_eq!(split_path("/a/b/"), ("/a/b".to_owned(), String::new()));
        assert_eq!(split_path("/"), ("/".to_owned(), String::new()));
        assert_eq!(split_extension(".bashrc"), (".bashrc".to_owned(), String::new()));
        assert_eq!(split_extension("a.b.c"), ("a.b".to_owned(), ".c".to_owned()));
        assert_eq!(split_extension("/a.b/c"), ("/a.b/c".to_owned(), String::new()));
    }
}
