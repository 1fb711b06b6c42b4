//! The `gc` module: the Python interface to the cycle collector (`crate::gc`).
//!
//! `collect`, `enable`/`disable`/`isenabled`, `get_threshold`/`set_threshold`, `get_count`,
//! `get_stats`, `get_debug`/`set_debug` (the flag is kept but prints nothing), `is_tracked`,
//! and the `garbage`/`callbacks` lists (never filled or called: swallow runs no `__del__`
//! and no callbacks).

use std::rc::Rc;

use crate::builtins::args::{exactly_one, invalid_keyword, no_kwargs};
use crate::error::{PyErr, PyResult};
use crate::gc::{self, Generation};
use crate::objects::dict::PyDict;
use crate::value::{CallArgs, PyModule, Value};
use crate::vm::Vm;

/// The `DEBUG_*` flags (accepted by `set_debug`, with no effect).
const DEBUG_FLAGS: &[(&str, i64)] = &[
    ("DEBUG_STATS", 1),
    ("DEBUG_COLLECTABLE", 2),
    ("DEBUG_UNCOLLECTABLE", 4),
    ("DEBUG_SAVEALL", 32),
    ("DEBUG_LEAK", 38),
];

thread_local! {
    static DEBUG: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("gc");
    m.add_function("collect", gc_collect);
    m.add_function("enable", gc_enable);
    m.add_function("disable", gc_disable);
    m.add_function("isenabled", gc_isenabled);
    m.add_function("get_threshold", gc_get_threshold);
    m.add_function("set_threshold", gc_set_threshold);
    m.add_function("get_count", gc_get_count);
    m.add_function("get_stats", gc_get_stats);
    m.add_function("get_debug", gc_get_debug);
    m.add_function("set_debug", gc_set_debug);
    m.add_function("is_tracked", gc_is_tracked);
    m.add("garbage", Value::list(Vec::new()));
    m.add("callbacks", Value::list(Vec::new()));
    for &(name, flag) in DEBUG_FLAGS {
        m.add(name, Value::Int(flag));
    }
    Ok(m)
}

/// TypeError "gc.`name`() takes no arguments (N given)".
fn no_arguments(name: &str, args: &CallArgs<'_>) -> PyResult<()> {
    if args.args.is_empty() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!("gc.{name}() takes no arguments ({} given)", args.args.len())))
    }
}

/// A C `int` argument, with CPython's errors.
fn c_int(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) if *i > i64::from(i32::MAX) => Err(PyErr::overflow("signed integer is greater than maximum")),
        Value::Int(i) if *i < i64::from(i32::MIN) => Err(PyErr::overflow("signed integer is less than minimum")),
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(b.get())),
        Value::BigInt(_) => Err(PyErr::overflow("Python int too large to convert to C int")),
        other => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_id().name()
        ))),
    }
}

fn tuple_of(values: [i64; 3]) -> Value {
    Value::tuple(values.iter().map(|&v| Value::Int(v)).collect())
}

/// `gc.collect(generation=2)`: the number of unreachable objects found.
fn gc_collect(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    if pos.len() > 1 {
        return Err(PyErr::type_error(format!("collect() takes at most 1 argument ({} given)", args.args.len())));
    }
    let mut generation = pos.first();
    for (name, value) in args.keywords() {
        if name != "generation" || generation.is_some() {
            if name == "generation" {
                return Err(PyErr::type_error(
                    "argument for collect() given by name ('generation') and position (1)",
                ));
            }
            return Err(invalid_keyword(name, "collect"));
        }
        generation = Some(value);
    }
    let generation = match generation {
        Some(v) => c_int(v)?,
        None => 2,
    };
    let which = match generation {
        0 => Generation::Young,
        1 | 2 => Generation::Full,
        _ => return Err(PyErr::value_error("invalid generation")),
    };
    Ok(Value::Int(gc::collect(which) as i64))
}

fn gc_enable(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("enable", &args)?;
    gc::set_enabled(true);
    Ok(Value::None)
}

fn gc_disable(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("disable", &args)?;
    gc::set_enabled(false);
    Ok(Value::None)
}

fn gc_isenabled(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("isenabled", &args)?;
    Ok(Value::bool(gc::is_enabled()))
}

fn gc_get_threshold(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("get_threshold", &args)?;
    let (a, b, c) = gc::thresholds();
    Ok(tuple_of([a, b, c]))
}

/// `gc.set_threshold(threshold0[, threshold1[, threshold2]])`.
fn gc_set_threshold(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(PyErr::type_error("set_threshold() takes no keyword arguments"));
    }
    let pos = args.positional();
    if pos.is_empty() {
        return Err(PyErr::type_error("set_threshold() takes at least 1 argument (0 given)"));
    }
    if pos.len() > 3 {
        return Err(PyErr::type_error(format!("set_threshold() takes at most 3 arguments ({} given)", pos.len())));
    }
    let (_, mut b, mut c) = gc::thresholds();
    let a = c_int(&pos[0])?;
    if let Some(v) = pos.get(1) {
        b = c_int(v)?;
    }
    if let Some(v) = pos.get(2) {
        c = c_int(v)?;
    }
    gc::set_thresholds((a, b, c));
    Ok(Value::None)
}

fn gc_get_count(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("get_count", &args)?;
    let (a, b, c) = gc::counts();
    Ok(tuple_of([a as i64, b as i64, c as i64]))
}

/// `gc.get_stats()`: one dict per CPython generation; swallow's young collections count as
/// generation 0 and its full collections as generation 2.
fn gc_get_stats(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("get_stats", &args)?;
    let stats = gc::stats();
    let per_generation = [stats.young, gc::GenerationStats::default(), stats.full];
    let mut out = Vec::with_capacity(3);
    for s in per_generation {
        let d = PyDict::new();
        d.set_str("collections", Value::Int(s.collections as i64));
        d.set_str("collected", Value::Int(s.collected as i64));
        d.set_str("uncollectable", Value::Int(0));
        out.push(Value::dict(d));
    }
    Ok(Value::list(out))
}

fn gc_get_debug(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("get_debug", &args)?;
    Ok(Value::Int(DEBUG.with(|d| d.get())))
}

fn gc_set_debug(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("set_debug", &args)?;
    let flags = c_int(exactly_one("set_debug", &args)?)?;
    DEBUG.with(|d| d.set(flags));
    Ok(Value::None)
}

/// `gc.is_tracked(obj)`, answered as CPython would for a fresh object: containers are
/// tracked, atomic values are not, and neither are tuples and dicts holding only atomic
/// values (CPython untracks those).
fn gc_is_tracked(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(PyErr::type_error("gc.is_tracked() takes no keyword arguments"));
    }
    let obj = match args.positional() {
        [one] => one,
        other => {
            return Err(PyErr::type_error(format!(
                "gc.is_tracked() takes exactly one argument ({} given)",
                other.len()
            )))
        }
    };
    Ok(Value::bool(gc::looks_tracked(obj)))
}
