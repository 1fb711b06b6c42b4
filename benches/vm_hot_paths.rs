//! Criterion micro-benchmarks of the VM's hot paths, run through the `swallow::embed` API.
//!
//! Each benchmark is a tiny Python module defining `bench(n)`: a loop of `n` iterations whose
//! body repeats one operation `unroll` times (so the loop's own cost is spread thin). The
//! module is compiled once, its result checked once, and only the call that runs
//! `OPS_PER_CALL` operations is timed. Throughput is one element per operation; with 1000
//! operations per call, criterion's `time` in µs reads as nanoseconds per operation.
//! `cargo bench` runs them; benches/README.md says how to filter, compare and read the report.

use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use swallow::embed::{Interpreter, Module};
use swallow::value::Value;

/// Operations per timed call of `bench(n)` (`n` is this divided by the path's `unroll`).
const OPS_PER_CALL: u64 = 1000;
/// Iterations of the call that checks the result before timing.
const CHECK_ITERATIONS: i64 = 10;

/// One hot path: Python source pieces that `module_source` assembles into `def bench(n)`.
struct HotPath {
    /// Benchmark name inside its group.
    name: &'static str,
    /// Module-level definitions (functions, classes, globals) the operation uses.
    setup: &'static str,
    /// Statements of `bench` run once before its loop (one per line, unindented).
    init: &'static str,
    /// The statement measured; the loop body repeats it `unroll` times.
    operation: &'static str,
    /// How many times the loop body repeats `operation`.
    unroll: u64,
    /// The expression `bench` returns.
    result: &'static str,
    /// `repr` of `bench(CHECK_ITERATIONS)`: the check that the benchmark does what it says.
    expected: &'static str,
}

/// Operations per loop iteration for the unrolled benchmarks (divides `OPS_PER_CALL`).
const UNROLL: u64 = 10;

/// The Python module for `path`:
///
/// ```python
/// SETUP
/// def bench(n):
///     INIT
///     for _ in range(n):
///         OPERATION   # `unroll` times
///     return RESULT
/// ```
fn module_source(path: &HotPath) -> String {
    let mut source = String::new();
    source.push_str(path.setup);
    source.push_str("\ndef bench(n):\n");
    for line in path.init.lines().filter(|line| !line.trim().is_empty()) {
        source.push_str("    ");
        source.push_str(line.trim());
        source.push('\n');
    }
    source.push_str("    for _ in range(n):\n");
    for _ in 0..path.unroll {
        source.push_str("        ");
        source.push_str(path.operation);
        source.push('\n');
    }
    source.push_str("    return ");
    source.push_str(path.result);
    source.push('\n');
    source
}

/// Compile `path`'s module and check its result; panics (failing `cargo bench`) with the
/// Python error or the wrong result, so a broken benchmark never times an exception path.
fn prepare(interp: &mut Interpreter, group: &str, path: &HotPath) -> Value {
    assert!(path.unroll > 0 && OPS_PER_CALL % path.unroll == 0, "{group}/{}: unroll must divide OPS_PER_CALL", path.name);
    let module_name = format!("{group}_{}", path.name);
    let source = module_source(path);
    let module: Module = match interp.load_module(&module_name, &source) {
        Ok(module) => module,
        Err(err) => panic!("benchmark {group}/{}: module does not load:\n{err}\n--- source ---\n{source}", path.name),
    };
    let Some(bench) = module.global("bench") else { panic!("benchmark {group}/{}: no bench function", path.name) };
    let shown = interp.call(&bench, &[Value::Int(CHECK_ITERATIONS)]).and_then(|result| interp.repr(&result));
    match shown {
        Ok(shown) if shown == path.expected => bench,
        Ok(shown) => panic!("benchmark {group}/{}: bench({CHECK_ITERATIONS}) returned {shown}, expected {}", path.name, path.expected),
        Err(err) => panic!("benchmark {group}/{}: bench({CHECK_ITERATIONS}) raised:\n{err}", path.name),
    }
}

/// Register the benchmarks of `paths` in criterion group `group`, one interpreter for all.
fn run_group(c: &mut Criterion, group_name: &str, paths: &[HotPath]) {
    let mut interp = Interpreter::new();
    let mut group: BenchmarkGroup<'_, WallTime> = c.benchmark_group(group_name);
    for path in paths {
        let bench = prepare(&mut interp, group_name, path);
        let iterations = [Value::Int((OPS_PER_CALL / path.unroll) as i64)];
        group.throughput(Throughput::Elements(OPS_PER_CALL));
        group.bench_function(path.name, |b| {
            b.iter(|| match interp.call(&bench, black_box(&iterations)) {
                Ok(result) => black_box(result),
                Err(err) => panic!("benchmark {group_name}/{}: raised while timed:\n{err}", path.name),
            })
        });
    }
    group.finish();
}

/// Instruction dispatch: the bare loop, and local loads/stores.
fn dispatch(c: &mut Criterion) {
    run_group(
        c,
        "dispatch",
        &[
            HotPath { name: "loop_overhead", setup: "", init: "", operation: "pass", unroll: 1, result: "n", expected: "10" },
            HotPath { name: "local_copy", setup: "", init: "a = 1\nb = 0", operation: "b = a", unroll: UNROLL, result: "b", expected: "1" },
            HotPath {
                name: "local_add",
                setup: "",
                init: "a = 1\nb = 2\nc = 0",
                operation: "c = a + b",
                unroll: UNROLL,
                result: "c",
                expected: "3",
            },
        ],
    );
}

/// Calls: a Python function, a method on an instance, a builtin.
fn calls(c: &mut Criterion) {
    run_group(
        c,
        "calls",
        &[
            HotPath {
                name: "function",
                setup: "def identity(x):\n    return x\n",
                init: "r = 0",
                operation: "r = identity(n)",
                unroll: UNROLL,
                result: "r",
                expected: "10",
            },
            HotPath {
                name: "function_3_args",
                setup: "def pick(x, y, z):\n    return z\n",
                init: "r = 0",
                operation: "r = pick(1, 2, n)",
                unroll: UNROLL,
                result: "r",
                expected: "10",
            },
            HotPath {
                name: "method",
                setup: "class Box:\n    def __init__(self, v):\n        self.v = v\n    def get(self, x):\n        return x\n",
                init: "box = Box(0)\nr = 0",
                operation: "r = box.get(n)",
                unroll: UNROLL,
                result: "r",
                expected: "10",
            },
            HotPath {
                name: "builtin",
                setup: "",
                init: "items = [1, 2, 3]\nr = 0",
                operation: "r = len(items)",
                unroll: UNROLL,
                result: "r",
                expected: "3",
            },
        ],
    );
}

const POINT_CLASS: &str = "class Point:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n";

/// Attribute load and store on an instance of a user class.
fn attributes(c: &mut Criterion) {
    run_group(
        c,
        "attributes",
        &[
            HotPath {
                name: "instance_load",
                setup: POINT_CLASS,
                init: "p = Point(3, 4)\nr = 0",
                operation: "r = p.y",
                unroll: UNROLL,
                result: "r",
                expected: "4",
            },
            HotPath {
                name: "instance_store",
                setup: POINT_CLASS,
                init: "p = Point(3, 4)",
                operation: "p.x = n",
                unroll: UNROLL,
                result: "p.x",
                expected: "10",
            },
        ],
    );
}

/// Global and builtin name loads from a function.
fn names(c: &mut Criterion) {
    run_group(
        c,
        "names",
        &[
            HotPath { name: "global_load", setup: "G = 7\n", init: "r = 0", operation: "r = G", unroll: UNROLL, result: "r", expected: "7" },
            HotPath {
                name: "builtin_load",
                setup: "",
                init: "r = None",
                operation: "r = len",
                unroll: UNROLL,
                result: "r",
                expected: "<built-in function len>",
            },
        ],
    );
}

/// dict get/set with a str key, list append and index.
fn containers(c: &mut Criterion) {
    run_group(
        c,
        "containers",
        &[
            HotPath {
                name: "dict_get",
                setup: "",
                init: "d = {'alpha': 1, 'beta': 2, 'gamma': 3}\nr = 0",
                operation: "r = d['beta']",
                unroll: UNROLL,
                result: "r",
                expected: "2",
            },
            HotPath {
                name: "dict_set",
                setup: "",
                init: "d = {'alpha': 1, 'beta': 2, 'gamma': 3}",
                operation: "d['beta'] = n",
                unroll: UNROLL,
                result: "d['beta']",
                expected: "10",
            },
            HotPath {
                name: "list_append",
                setup: "",
                init: "items = []",
                operation: "items.append(n)",
                unroll: UNROLL,
                result: "len(items)",
                expected: "100",
            },
            HotPath {
                name: "list_index",
                setup: "",
                init: "items = [5, 6, 7, 8]\nr = 0",
                operation: "r = items[2]",
                unroll: UNROLL,
                result: "r",
                expected: "7",
            },
            HotPath {
                name: "list_store",
                setup: "",
                init: "items = [5, 6, 7, 8]",
                operation: "items[2] = n",
                unroll: UNROLL,
                result: "items",
                expected: "[5, 6, 10, 8]",
            },
        ],
    );
}

/// int and float arithmetic on locals (small ints stay `Value::Int`).
fn arithmetic(c: &mut Criterion) {
    run_group(
        c,
        "arithmetic",
        &[
            HotPath {
                name: "int_add",
                setup: "",
                init: "a = 12345\nb = 678\nr = 0",
                operation: "r = a + b",
                unroll: UNROLL,
                result: "r",
                expected: "13023",
            },
            HotPath {
                name: "int_mul",
                setup: "",
                init: "a = 12345\nb = 678\nr = 0",
                operation: "r = a * b",
                unroll: UNROLL,
                result: "r",
                expected: "8369910",
            },
            HotPath {
                name: "int_compare",
                setup: "",
                init: "a = 12345\nb = 678\nr = None",
                operation: "r = a < b",
                unroll: UNROLL,
                result: "r",
                expected: "False",
            },
            HotPath {
                name: "float_add",
                setup: "",
                init: "x = 1.5\ny = 2.25\nr = 0.0",
                operation: "r = x + y",
                unroll: UNROLL,
                result: "r",
                expected: "3.75",
            },
            HotPath {
                name: "float_mul",
                setup: "",
                init: "x = 1.5\ny = 2.25\nr = 0.0",
                operation: "r = x * y",
                unroll: UNROLL,
                result: "r",
                expected: "3.375",
            },
        ],
    );
}

/// str concatenation of two short strings.
fn strings(c: &mut Criterion) {
    run_group(
        c,
        "strings",
        &[HotPath {
            name: "concat",
            setup: "",
            init: "a = 'hello '\nb = 'world'\nr = ''",
            operation: "r = a + b",
            unroll: UNROLL,
            result: "r",
            expected: "'hello world'",
        }],
    );
}

criterion_group!(interpreter_core, dispatch, calls, attributes, names);
criterion_group!(builtin_types, containers, arithmetic, strings);
criterion_main!(interpreter_core, builtin_types);
