//! The `time` module: wall clock, monotonic and performance counters, process CPU time (each
//! also in integer nanoseconds) and `sleep`.

use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::builtins::args::exactly_one;
use crate::error::{PyErr, PyResult};
use crate::objects::int;
use crate::value::{CallArgs, PyModule, Value};
use crate::vm::Vm;

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("time");
    let functions: &[(&'static str, crate::value::NativeFn)] = &[
        ("time", time),
        ("time_ns", time_ns),
        ("perf_counter", perf_counter),
        ("perf_counter_ns", perf_counter_ns),
        ("monotonic", monotonic),
        ("monotonic_ns", monotonic_ns),
        ("process_time", process_time),
        ("process_time_ns", process_time_ns),
        ("sleep", sleep),
    ];
    for &(name, func) in functions {
        m.add_function(name, func);
    }
    Ok(m)
}

/// "time.NAME() takes no arguments (N given)".
fn no_arguments(name: &str, args: &CallArgs<'_>) -> PyResult<()> {
    if args.args.is_empty() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!("{name}() takes no arguments ({} given)", args.args.len())))
    }
}

fn since_epoch() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

/// Nanoseconds on a monotonic clock, counted from the first use in this process.
fn monotonic_nanos() -> u128 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_nanos()
}

/// CPU time consumed by this process, in nanoseconds.
fn process_nanos() -> u128 {
    // Linux exposes the process's CPU clock through /proc; fall back to the monotonic clock.
    if let Ok(stat) = std::fs::read_to_string("/proc/self/stat") {
        // Fields after the parenthesised command name: utime and stime are fields 14 and 15.
        if let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) {
            let fields: Vec<&str> = rest.split_whitespace().collect();
            if let (Some(u), Some(s)) = (fields.get(11), fields.get(12)) {
                if let (Ok(u), Ok(s)) = (u.parse::<u128>(), s.parse::<u128>()) {
                    // Clock ticks are 100 per second on Linux.
                    return (u + s) * 10_000_000;
                }
            }
        }
    }
    monotonic_nanos()
}

fn nanos_value(n: u128) -> Value {
    match i64::try_from(n) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::from_bigint(num_bigint::BigInt::from(n)),
    }
}

fn time(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("time.time", &args)?;
    Ok(Value::float(since_epoch().as_secs_f64()))
}

fn time_ns(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("time.time_ns", &args)?;
    Ok(nanos_value(since_epoch().as_nanos()))
}

fn perf_counter(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("time.perf_counter", &args)?;
    Ok(Value::float(monotonic_nanos() as f64 / 1e9))
}

fn perf_counter_ns(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("time.perf_counter_ns", &args)?;
    Ok(nanos_value(monotonic_nanos()))
}

fn monotonic(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("time.monotonic", &args)?;
    Ok(Value::float(monotonic_nanos() as f64 / 1e9))
}

fn monotonic_ns(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("time.monotonic_ns", &args)?;
    Ok(nanos_value(monotonic_nanos()))
}

fn process_time(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("time.process_time", &args)?;
    Ok(Value::float(process_nanos() as f64 / 1e9))
}

fn process_time_ns(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_arguments("time.process_time_ns", &args)?;
    Ok(nanos_value(process_nanos()))
}

fn sleep(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("time.sleep", &args)?;
    let seconds = match v {
        Value::Float(f) => f.get(),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => int::int_to_f64(v).unwrap_or(Ok(0.0))?,
        _ => return Err(int::not_an_integer(v)),
    };
    if seconds.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    if seconds < 0.0 {
        return Err(PyErr::value_error("sleep length must be non-negative"));
    }
    if seconds > 1e10 {
        return Err(PyErr::overflow("timestamp too large to convert to C _PyTime_t"));
    }
    std::thread::sleep(Duration::from_secs_f64(seconds));
    Ok(Value::None)
}
