//! The builtin functions (`print`, `len`, `min`, `sorted`, `round`, ...), each a `NativeFn`
//! registered by `builtins::make_builtins`.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use crate::builtins::args::{self, exactly_one, invalid_keyword, no_kwargs, positional_count, Signature};
use crate::bytecode::opcodes::{BinaryOp, CompareOp};
use crate::error::{PyErr, PyResult};
use crate::objects::iter::IterKind;
use crate::objects::types::{type_of, PyType, TypeId};
use crate::objects::{float, int, number};
use crate::ops;
use crate::stdio;
use crate::value::{CallArgs, PyException, Value};
use crate::vm::Vm;

// ---- iteration helpers ----------------------------------------------------------------------

/// Number of items of a range.
fn range_length(r: &crate::value::PyRange) -> i128 {
    let (start, stop, step) = (r.start as i128, r.stop as i128, r.step as i128);
    if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    }
}

/// Every item of an iterable, in order (fast paths for list and tuple). Growth is checked, so
/// an endless or huge iterable raises MemoryError instead of aborting.
pub fn collect(vm: &mut Vm, iterable: &Value) -> PyResult<Vec<Value>> {
    match iterable {
        Value::List(l) => return Ok(l.items.borrow().clone()),
        Value::Tuple(t) => return Ok(t.items.to_vec()),
        Value::Range(r) => {
            let n = range_length(r);
            let n = usize::try_from(n).map_err(|_| PyErr::memory_error())?;
            let mut out = Vec::new();
            out.try_reserve_exact(n).map_err(|_| PyErr::memory_error())?;
            let mut x = r.start as i128;
            for _ in 0..n {
                out.push(Value::Int(x as i64));
                x += r.step as i128;
            }
            return Ok(out);
        }
        _ => {}
    }
    ops::collect(vm, iterable)
}

/// `a < b` as a Rust bool, with fast paths for ints, floats and strs.
pub fn less_than(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x.get() < y.get()),
        (Value::Str(x), Value::Str(y)) => Ok(x.as_str() < y.as_str()),
        _ => {
            if let Some(r) = number::compare(CompareOp::Lt, a, b) {
                return Ok(r);
            }
            ops::compare_bool(vm, CompareOp::Lt, a, b)
        }
    }
}

/// `a > b` as a Rust bool, with fast paths for ints, floats and strs.
pub fn greater_than(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x > y),
        (Value::Float(x), Value::Float(y)) => Ok(x.get() > y.get()),
        (Value::Str(x), Value::Str(y)) => Ok(x.as_str() > y.as_str()),
        _ => {
            if let Some(r) = number::compare(CompareOp::Gt, a, b) {
                return Ok(r);
            }
            ops::compare_bool(vm, CompareOp::Gt, a, b)
        }
    }
}

/// Stable sort of `keys` by `<` (or by `>`-as-swapped-`<` when `reverse`), returning the
/// permutation. Comparisons may fail; the first error is returned.
fn sort_permutation(vm: &mut Vm, keys: &[Value], reverse: bool) -> PyResult<Vec<usize>> {
    let n = keys.len();
    let mut order: Vec<usize> = (0..n).collect();
    let mut scratch: Vec<usize> = vec![0; n];
    let lt = |vm: &mut Vm, i: usize, j: usize| -> PyResult<bool> {
        if reverse {
            less_than(vm, &keys[j], &keys[i])
        } else {
            less_than(vm, &keys[i], &keys[j])
        }
    };
    // Insertion-sort runs of RUN items, then merge runs bottom-up.
    const RUN: usize = 16;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && lt(vm, order[j], order[j - 1])? {
                order.swap(j, j - 1);
                j -= 1;
            }
        }
        start = end;
    }
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (lo + 2 * width).min(n);
            // Already in order: nothing to merge.
            if !lt(vm, order[mid], order[mid - 1])? {
                lo = hi;
                continue;
            }
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                if lt(vm, order[j], order[i])? {
                    scratch[k] = order[j];
                    j += 1;
                } else {
                    scratch[k] = order[i];
                    i += 1;
                }
                k += 1;
            }
            scratch[k..k + (mid - i)].copy_from_slice(&order[i..mid]);
            k += mid - i;
            scratch[k..k + (hi - j)].copy_from_slice(&order[j..hi]);
            order[lo..hi].copy_from_slice(&scratch[lo..hi]);
            lo = hi;
        }
        width *= 2;
    }
    Ok(order)
}

/// Sort `items` the way `list.sort(key=key, reverse=reverse)` does: stable, comparing with
/// `<` only, computing each key once. `key` of `None`/`Value::None` means no key function.
pub fn sort_values(vm: &mut Vm, items: Vec<Value>, key: Option<&Value>, reverse: bool) -> PyResult<Vec<Value>> {
    let key = key.filter(|k| !matches!(k, Value::None));
    let keys: Vec<Value> = match key {
        Some(f) => {
            let mut keys = Vec::new();
            keys.try_reserve_exact(items.len()).map_err(|_| PyErr::memory_error())?;
            for item in &items {
                keys.push(vm.call(f, std::slice::from_ref(item))?);
            }
            keys
        }
        None => Vec::new(),
    };
    let order = sort_permutation(vm, if key.is_some() { &keys } else { &items }, reverse)?;
    let mut slots: Vec<Option<Value>> = items.into_iter().map(Some).collect();
    Ok(order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)).collect())
}

// ---- output and input -----------------------------------------------------------------------

fn optional_text(v: Option<&Value>, what: &str, default: &'static str) -> PyResult<Rc<str>> {
    match v {
        None | Some(Value::None) => Ok(Rc::from(default)),
        Some(Value::Str(s)) => Ok(Rc::from(s.as_str())),
        Some(other) => Err(PyErr::type_error(format!("{what} must be None or a string, not {}", other.type_id().name()))),
    }
}

/// Where `print` and friends send text.
enum Sink {
    Stdout,
    Stderr,
    Object(Value),
}

fn sink_of(file: Option<&Value>) -> Sink {
    let file = match file {
        None | Some(Value::None) => match crate::modules::sys::current_stdout() {
            Some(v) => v,
            None => return Sink::Stdout,
        },
        Some(f) => f.clone(),
    };
    if file.is(&crate::modules::sys::stdout_object()) {
        Sink::Stdout
    } else if file.is(&crate::modules::sys::stderr_object()) {
        Sink::Stderr
    } else {
        Sink::Object(file)
    }
}

fn write_to(vm: &mut Vm, sink: &Sink, text: &str) -> PyResult<()> {
    match sink {
        Sink::Stdout => stdio::write_stdout(text),
        Sink::Stderr => stdio::write_stderr(text),
        Sink::Object(file) => {
            let write = ops::getattr(vm, file, "write")?;
            vm.call(&write, &[Value::str(text)])?;
            Ok(())
        }
    }
}

pub fn builtin_print(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let (mut sep, mut end, mut file, mut flush) = (None, None, None, None);
    for (name, value) in args.keywords() {
        match name {
            "sep" => sep = Some(value),
            "end" => end = Some(value),
            "file" => file = Some(value),
            "flush" => flush = Some(value),
            other => return Err(invalid_keyword(other, "print")),
        }
    }
    let sep = optional_text(sep, "sep", " ")?;
    let end = optional_text(end, "end", "\n")?;
    let sink = sink_of(file);
    // CPython's print does nothing when sys.stdout is None (e.g. under pythonw).
    if matches!(&sink, Sink::Object(Value::None)) {
        return Ok(Value::None);
    }
    let mut text = String::new();
    for (i, v) in args.positional().iter().enumerate() {
        if i > 0 {
            text.push_str(&sep);
        }
        match v {
            Value::Str(s) => text.push_str(s.as_str()),
            other => text.push_str(&ops::to_str(vm, other)?),
        }
    }
    text.push_str(&end);
    write_to(vm, &sink, &text)?;
    if let Some(f) = flush {
        if ops::truthy(vm, f)? {
            match &sink {
                Sink::Stdout => stdio::flush_stdout()?,
                Sink::Stderr => {}
                Sink::Object(obj) => {
                    let flush = ops::getattr(vm, obj, "flush")?;
                    vm.call(&flush, &[])?;
                }
            }
        }
    }
    Ok(Value::None)
}

pub fn builtin_input(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("input", &args)?;
    let pos = positional_count("input", &args, 0, 1)?;
    if let Some(prompt) = pos.first() {
        let text = ops::to_str(vm, prompt)?;
        let sink = sink_of(None);
        write_to(vm, &sink, &text)?;
    }
    stdio::flush_stdout()?;
    match stdio::read_stdin_line()? {
        None => Err(PyErr::new(TypeId::EOFError, "EOF when reading a line")),
        Some(mut line) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(Value::string(line))
        }
    }
}

// ---- simple one-argument functions ----------------------------------------------------------

pub fn builtin_len(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("len", &args)?;
    let n = ops::len(vm, v)?;
    Ok(Value::Int(n as i64))
}

pub fn builtin_abs(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("abs", &args)?;
    if let Some(r) = crate::objects::dunder::unary(vm, "__abs__", v) {
        if !matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::BigInt(_)) {
            return r;
        }
    }
    number::absolute(v).unwrap_or_else(|| {
        Err(PyErr::type_error(format!("bad operand type for abs(): '{}'", type_of(v).name)))
    })
}

pub fn builtin_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("repr", &args)?;
    Ok(Value::string(ops::repr(vm, v)?))
}

pub fn builtin_ascii(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("ascii", &args)?;
    Ok(Value::string(ops::ascii(vm, v)?))
}

pub fn builtin_chr(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("chr", &args)?;
    let code = match int::index_i64(v) {
        Ok(i) => i,
        Err(e) if e.matches(TypeId::OverflowError) => {
            return Err(PyErr::overflow("Python int too large to convert to C int"))
        }
        Err(e) => return Err(e),
    };
    if !(0..0x110000).contains(&code) {
        return Err(PyErr::value_error("chr() arg not in range(0x110000)"));
    }
    match char::from_u32(code as u32) {
        Some(c) => Ok(Value::string(c.to_string())),
        None => Err(PyErr::value_error(format!(
            "chr() arg {code:#x} is a surrogate code point, which swallow strings cannot hold"
        ))),
    }
}

pub fn builtin_ord(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("ord", &args)?;
    match v {
        Value::Str(s) => {
            let mut chars = s.as_str().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(PyErr::type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.as_str().chars().count()
                ))),
            }
        }
        other => Err(PyErr::type_error(format!(
            "ord() expected string of length 1, but {} found",
            type_of(other).name
        ))),
    }
}

pub fn builtin_hash(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("hash", &args)?;
    if let Some(r) = crate::builtins::classes::hash_of(vm, v) {
        return r;
    }
    match number::hash(v) {
        Some(h) => Ok(Value::Int(h)),
        None => Ok(Value::Int(ops::hash(v)?)),
    }
}

pub fn builtin_id(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("id", &args)?;
    Ok(Value::Int(identity(v)))
}

/// `id(v)`: the heap address for heap values; for unboxed values a number derived from the
/// value itself (never a multiple of 8, so it cannot collide with an address).
pub fn identity(v: &Value) -> i64 {
    if let Some(p) = v.heap_ptr() {
        return (p as u64 & (i64::MAX as u64)) as i64;
    }
    let (tag, payload): (u64, u64) = match v {
        Value::Null => (1, 0),
        Value::None => (1, 1),
        Value::NotImplemented => (1, 2),
        Value::Ellipsis => (1, 3),
        Value::Bool(b) => (2, *b as u64),
        Value::Int(i) => (3, *i as u64),
        Value::Float(f) => (5, f.get().to_bits()),
        _ => (7, 0),
    };
    let mixed = payload.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17);
    (((mixed << 3) | tag) & (i64::MAX as u64)) as i64
}

pub fn builtin_hex(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::string(int::int_to_prefixed(exactly_one("hex", &args)?, 16)?))
}

pub fn builtin_oct(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::string(int::int_to_prefixed(exactly_one("oct", &args)?, 8)?))
}

pub fn builtin_bin(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::string(int::int_to_prefixed(exactly_one("bin", &args)?, 2)?))
}

/// True for values that can be called.
pub fn is_callable(v: &Value) -> bool {
    matches!(v, Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::Type(_))
        || crate::builtins::classes::is_callable_object(v)
}

pub fn builtin_callable(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("callable", &args)?;
    Ok(Value::bool(is_callable(v)))
}

// ---- type checks ------------------------------------------------------------------------------

fn class_matches(class: &Value, ty: &Rc<PyType>, function: &str, depth: usize) -> PyResult<bool> {
    match class {
        Value::Type(t) => Ok(ty.is_subtype_of(t)),
        Value::Tuple(items) if depth < 1000 => {
            for item in items.items.iter() {
                if class_matches(item, ty, function, depth + 1)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Tuple(_) => Err(PyErr::recursion_error()),
        _ => Err(PyErr::type_error(if function == "isinstance" {
            "isinstance() arg 2 must be a type, a tuple of types, or a union".to_string()
        } else {
            "issubclass() arg 2 must be a class, a tuple of classes, or a union".to_string()
        })),
    }
}

pub fn builtin_isinstance(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("isinstance", &args)?;
    let pos = positional_count("isinstance", &args, 2, 2)?;
    let ty = type_of(&pos[0]);
    Ok(Value::bool(class_matches(&pos[1], &ty, "isinstance", 0)?))
}

pub fn builtin_issubclass(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("issubclass", &args)?;
    let pos = positional_count("issubclass", &args, 2, 2)?;
    let Value::Type(ty) = &pos[0] else {
        return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
    };
    Ok(Value::bool(class_matches(&pos[1], ty, "issubclass", 0)?))
}

// ---- reductions -------------------------------------------------------------------------------

fn min_max(vm: &mut Vm, args: CallArgs<'_>, name: &str, want_greater: bool) -> PyResult<Value> {
    let (mut key, mut default) = (None, None);
    for (k, v) in args.keywords() {
        match k {
            "key" => key = Some(v).filter(|v| !matches!(v, Value::None)),
            "default" => default = Some(v),
            other => return Err(invalid_keyword(other, name)),
        }
    }
    let pos = positional_count(name, &args, 1, usize::MAX)?;
    let items = if pos.len() == 1 {
        collect(vm, &pos[0])?
    } else {
        if default.is_some() {
            return Err(PyErr::type_error(format!(
                "Cannot specify a default for {name}() with multiple positional arguments"
            )));
        }
        pos.to_vec()
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match key {
            Some(f) => vm.call(f, std::slice::from_ref(&item))?,
            None => item.clone(),
        };
        let replace = match &best {
            None => true,
            Some((best_key, _)) => {
                if want_greater {
                    greater_than(vm, &k, best_key)?
                } else {
                    less_than(vm, &k, best_key)?
                }
            }
        };
        if replace {
            best = Some((k, item));
        }
    }
    match (best, default) {
        (Some((_, item)), _) => Ok(item),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(PyErr::value_error(format!("{name}() arg is an empty sequence"))),
    }
}

pub fn builtin_min(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    min_max(vm, args, "min", false)
}

pub fn builtin_max(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    min_max(vm, args, "max", true)
}

pub fn builtin_sum(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    if pos.is_empty() {
        return Err(PyErr::type_error(format!(
            "sum() takes at least 1 positional argument ({} given)",
            pos.len()
        )));
    }
    let slots: [Option<&Value>; 2] = args::parse(
        &args,
        &Signature { name: "sum", params: &["iterable", "start"], positional: 2, required: 1, positional_only: 1 },
    )?;
    let iterable = slots[0].cloned().unwrap_or(Value::None);
    let mut total = slots[1].cloned().unwrap_or(Value::Int(0));
    if matches!(total, Value::Str(_)) {
        return Err(PyErr::type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let it = ops::get_iter(vm, &iterable)?;
    while let Some(item) = ops::next(vm, &it)? {
        total = match (&total, &item) {
            (Value::Int(a), Value::Int(b)) => match a.checked_add(*b) {
                Some(s) => Value::Int(s),
                None => number::binary_op(BinaryOp::Add, &total, &item).unwrap_or(Ok(Value::None))?,
            },
            (Value::Float(a), Value::Float(b)) => Value::float(a.get() + b.get()),
            _ => match number::binary_op(BinaryOp::Add, &total, &item) {
                Some(r) => r?,
                None => ops::binary_op(vm, BinaryOp::Add, false, &total, &item)?,
            },
        };
    }
    Ok(total)
}

pub fn builtin_any(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("any", &args)?;
    let it = ops::get_iter(vm, v)?;
    while let Some(item) = ops::next(vm, &it)? {
        if ops::truthy(vm, &item)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

pub fn builtin_all(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let v = exactly_one("all", &args)?;
    let it = ops::get_iter(vm, v)?;
    while let Some(item) = ops::next(vm, &it)? {
        if !ops::truthy(vm, &item)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

pub fn builtin_sorted(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let (mut key, mut reverse) = (None, false);
    for (k, v) in args.keywords() {
        match k {
            "key" => key = Some(v),
            "reverse" => reverse = ops::truthy(vm, v)?,
            other => return Err(invalid_keyword(other, "sort")),
        }
    }
    let pos = positional_count("sorted", &args, 1, 1)?;
    let items = collect(vm, &pos[0])?;
    let sorted = sort_values(vm, items, key, reverse)?;
    Ok(Value::list(sorted))
}

// ---- iterators --------------------------------------------------------------------------------

fn make_iter(kind: IterKind) -> Value {
    crate::gc::tracked(Value::Iter(Rc::new(crate::objects::iter::PyIterator { state: std::cell::RefCell::new(kind) })))
}

pub fn builtin_iter(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("iter", &args)?;
    let pos = positional_count("iter", &args, 1, 2)?;
    if pos.len() == 2 {
        if !is_callable(&pos[0]) {
            return Err(PyErr::type_error("iter(v, w): v must be callable"));
        }
        return Ok(make_iter(IterKind::Callable { func: pos[0].clone(), sentinel: pos[1].clone() }));
    }
    ops::get_iter(vm, &pos[0])
}

pub fn builtin_next(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("next", &args)?;
    let pos = positional_count("next", &args, 1, 2)?;
    if let (Value::Generator(gen), None) = (&pos[0], pos.get(1)) {
        // Keeps the return value in the StopIteration.
        return crate::objects::generator::send(vm, gen, Value::None);
    }
    match ops::next(vm, &pos[0])? {
        Some(v) => Ok(v),
        None => match pos.get(1) {
            Some(default) => Ok(default.clone()),
            None => Err(PyErr::stop_iteration()),
        },
    }
}

pub fn builtin_enumerate(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let slots: [Option<&Value>; 2] = args::parse(
        &args,
        &Signature { name: "enumerate", params: &["iterable", "start"], positional: 2, required: 0, positional_only: 0 },
    )?;
    let Some(iterable) = slots[0] else {
        return Err(PyErr::type_error("enumerate() missing required argument 'iterable'"));
    };
    let count = match slots[1] {
        Some(v) => int::index_value(v)?,
        None => Value::Int(0),
    };
    let inner = ops::get_iter(vm, iterable)?;
    Ok(make_iter(IterKind::Enumerate { inner, count, last: None }))
}

pub fn builtin_zip(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let mut strict = false;
    for (k, v) in args.keywords() {
        match k {
            "strict" => strict = ops::truthy(vm, v)?,
            other => return Err(invalid_keyword(other, "zip")),
        }
    }
    if strict {
        return Err(PyErr::unsupported("zip(strict=True)"));
    }
    let mut iters = Vec::with_capacity(args.positional().len());
    for v in args.positional() {
        iters.push(ops::get_iter(vm, v)?);
    }
    Ok(make_iter(IterKind::Zip { iters }))
}

pub fn builtin_map(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("map", &args)?;
    let pos = args.positional();
    if pos.len() < 2 {
        return Err(PyErr::type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::with_capacity(pos.len() - 1);
    for v in &pos[1..] {
        iters.push(ops::get_iter(vm, v)?);
    }
    Ok(make_iter(IterKind::Map { func: pos[0].clone(), iters }))
}

pub fn builtin_filter(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("filter", &args)?;
    let pos = positional_count("filter", &args, 2, 2)?;
    let inner = ops::get_iter(vm, &pos[1])?;
    Ok(make_iter(IterKind::Filter { func: pos[0].clone(), inner }))
}

pub fn builtin_reversed(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("reversed", &args)?;
    let pos = positional_count("reversed", &args, 1, 1)?;
    ops::reversed(vm, &pos[0])
}

// ---- arithmetic -------------------------------------------------------------------------------

pub fn builtin_divmod(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("divmod", &args)?;
    let pos = positional_count("divmod", &args, 2, 2)?;
    number::divmod(&pos[0], &pos[1]).unwrap_or_else(|| {
        Err(PyErr::type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            type_of(&pos[0]).name,
            type_of(&pos[1]).name
        )))
    })
}

/// Inverse of `a` modulo `m` (m > 0), if it exists.
fn modular_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.mod_floor(m), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = old_r.div_floor(&r);
        let next_r = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, next_r);
        let next_s = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, next_s);
    }
    if old_r.is_one() {
        Some(old_s.mod_floor(m))
    } else {
        None
    }
}

pub fn builtin_pow(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let slots: [Option<&Value>; 3] = args::parse(
        &args,
        &Signature { name: "pow", params: &["base", "exp", "mod"], positional: 3, required: 2, positional_only: 0 },
    )?;
    let (Some(base), Some(exp)) = (slots[0], slots[1]) else { return Ok(Value::None) };
    let modulus = slots[2].filter(|m| !matches!(m, Value::None));
    let Some(modulus) = modulus else {
        return match number::binary_op(BinaryOp::Pow, base, exp) {
            Some(r) => r,
            None => ops::binary_op(vm, BinaryOp::Pow, false, base, exp),
        };
    };
    let (Some(b), Some(e), Some(m)) = (int::to_bigint(base), int::to_bigint(exp), int::to_bigint(modulus)) else {
        if number::is_number(base) && number::is_number(exp) && number::is_number(modulus) {
            return Err(PyErr::type_error("pow() 3rd argument not allowed unless all arguments are integers"));
        }
        return Err(PyErr::type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
            type_of(base).name,
            type_of(exp).name,
            type_of(modulus).name
        )));
    };
    if m.is_zero() {
        return Err(PyErr::value_error("pow() 3rd argument cannot be 0"));
    }
    let m_abs = m.abs();
    let mut b = b.mod_floor(&m_abs);
    let mut e = e;
    if e.is_negative() {
        b = modular_inverse(&b, &m_abs)
            .ok_or_else(|| PyErr::value_error("base is not invertible for the given modulus"))?;
        e = -e;
    }
    let mut r = if m_abs.is_one() { BigInt::zero() } else { b.modpow(&e, &m_abs) };
    if m.is_negative() && !r.is_zero() {
        r -= &m_abs;
    }
    Ok(Value::from_bigint(r))
}

/// `round(x, ndigits)` for a finite float: the exact binary value rounded half-to-even to
/// `ndigits` decimal places, then correctly rounded back to a float.
pub fn round_float(x: f64, ndigits: i64) -> PyResult<f64> {
    if !x.is_finite() || x == 0.0 {
        return Ok(x);
    }
    if ndigits > 330 {
        return Ok(x);
    }
    if ndigits < -330 {
        return Ok(0.0f64.copysign(x));
    }
    let (mantissa, exponent) = float::decompose(x);
    let ten = BigInt::from(10);
    let mut numerator = BigInt::from(mantissa);
    let mut denominator = BigInt::one();
    if exponent >= 0 {
        numerator <<= exponent as usize;
    } else {
        denominator <<= (-exponent) as usize;
    }
    let scale = num_traits::pow(ten, ndigits.unsigned_abs() as usize);
    if ndigits >= 0 {
        numerator *= &scale;
    } else {
        denominator *= &scale;
    }
    let (q, r) = numerator.div_rem(&denominator);
    let twice = r << 1usize;
    let rounded = match twice.cmp(&denominator) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    let magnitude = if ndigits >= 0 {
        int::true_divide(&rounded, &scale)?
    } else {
        let value = rounded * scale;
        int::bigint_to_f64(&value).map_err(|_| PyErr::overflow("rounded value too large to represent"))?
    };
    Ok(if x < 0.0 { -magnitude } else { magnitude })
}

/// `round(i, ndigits)` for an int with negative `ndigits`: half-to-even at 10**-ndigits.
fn round_int(x: &BigInt, ndigits: i64) -> BigInt {
    if ndigits >= 0 {
        return x.clone();
    }
    let digits = ndigits.unsigned_abs();
    // More digits than the number has: the result is 0.
    if digits > x.bits() / 3 + 2 {
        return BigInt::zero();
    }
    let scale = num_traits::pow(BigInt::from(10), digits as usize);
    let (q, r) = x.div_mod_floor(&scale);
    let twice: BigInt = r << 1usize;
    let q = match twice.cmp(&scale) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    q * scale
}

pub fn builtin_round(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let slots: [Option<&Value>; 2] = args::parse(
        &args,
        &Signature { name: "round", params: &["number", "ndigits"], positional: 2, required: 1, positional_only: 0 },
    )?;
    let Some(number) = slots[0] else { return Ok(Value::None) };
    let ndigits = match slots[1] {
        None | Some(Value::None) => None,
        Some(v) => Some(v),
    };
    match number {
        Value::Float(x) => match ndigits {
            None => int::float_to_int(x.get().round_ties_even()),
            Some(n) => {
                let n = match int::index_i64(n) {
                    Ok(n) => n,
                    Err(e) if e.matches(TypeId::OverflowError) => {
                        if int::sign_of(n) > 0 {
                            i64::MAX
                        } else {
                            i64::MIN
                        }
                    }
                    Err(e) => return Err(e),
                };
                Ok(Value::float(round_float(x.get(), n)?))
            }
        },
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let x = int::index_value(number)?;
            match ndigits {
                None => Ok(x),
                Some(n) => {
                    let n = match int::index_i64(n) {
                        Ok(n) => n,
                        Err(e) if e.matches(TypeId::OverflowError) => {
                            if int::sign_of(n) > 0 {
                                return Ok(x);
                            }
                            return Ok(Value::Int(0));
                        }
                        Err(e) => return Err(e),
                    };
                    if n >= 0 {
                        return Ok(x);
                    }
                    let big = int::to_bigint(&x).unwrap_or_default();
                    Ok(Value::from_bigint(round_int(&big, n)))
                }
            }
        }
        other => {
            if let Some(r) = crate::objects::dunder::round(vm, other, ndigits) {
                return r;
            }
            match crate::objects::dunder::unwrap_base(other) {
                base if !base.is(other) => {
                    let mut call: Vec<Value> = vec![base];
                    call.extend(ndigits.cloned());
                    builtin_round(vm, CallArgs::new(&call))
                }
                _ => Err(PyErr::type_error(format!("type {} doesn't define __round__ method", type_of(other).name))),
            }
        }
    }
}

// ---- attributes -------------------------------------------------------------------------------

fn attribute_name(v: &Value) -> PyResult<&str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(PyErr::type_error(format!("attribute name must be string, not '{}'", type_of(other).name))),
    }
}

pub fn builtin_getattr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("getattr", &args)?;
    let pos = positional_count("getattr", &args, 2, 3)?;
    let name = attribute_name(&pos[1])?;
    match ops::getattr(vm, &pos[0], name) {
        Err(e) if pos.len() == 3 && e.matches(TypeId::AttributeError) => Ok(pos[2].clone()),
        other => other,
    }
}

pub fn builtin_setattr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("setattr", &args)?;
    let pos = positional_count("setattr", &args, 3, 3)?;
    let name = attribute_name(&pos[1])?;
    ops::setattr(vm, &pos[0], name, pos[2].clone())?;
    Ok(Value::None)
}

pub fn builtin_hasattr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("hasattr", &args)?;
    let pos = positional_count("hasattr", &args, 2, 2)?;
    let name = attribute_name(&pos[1])?;
    match ops::getattr(vm, &pos[0], name) {
        Ok(_) => Ok(Value::bool(true)),
        Err(e) if e.matches(TypeId::AttributeError) => Ok(Value::bool(false)),
        Err(e) => Err(e),
    }
}

pub fn builtin_format(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("format", &args)?;
    let pos = positional_count("format", &args, 1, 2)?;
    let spec = match pos.get(1) {
        Some(v) => args::expect_str(v, "format", 2)?,
        None => "",
    };
    Ok(Value::string(crate::objects::format::format_value(vm, &pos[0], spec)?))
}

pub fn builtin_dir(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("dir", &args)?;
    let pos = positional_count("dir", &args, 0, 1)?;
    let Some(obj) = pos.first() else {
        let scope = vm.frame.locals.clone().unwrap_or_else(|| vm.frame.globals.clone());
        let mut names = scope.keys();
        crate::objects::list::sort_values(vm, &mut names, None, false)?;
        return Ok(Value::list(names));
    };
    if let Some(r) = crate::builtins::classes::dir_of(vm, obj) {
        return r;
    }
    let mut names: Vec<Value> = Vec::new();
    let mut add_keys = |dict: &crate::objects::dict::PyDict| {
        for k in dict.keys() {
            if matches!(k, Value::Str(_)) && !names.iter().any(|n| n.is(&k) || ops::eq_builtin(n, &k).unwrap_or(false)) {
                names.push(k);
            }
        }
    };
    match obj {
        Value::Module(m) => add_keys(&m.dict),
        Value::Type(t) => {
            for ty in t.mro() {
                add_keys(&ty.dict);
            }
        }
        other => {
            for ty in type_of(other).mro() {
                add_keys(&ty.dict);
            }
        }
    }
    let sorted = sort_values(vm, names, None, false)?;
    Ok(Value::list(sorted))
}

/// `exit()` / `quit()`: raise SystemExit(code).
pub fn builtin_exit(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    no_kwargs("exit", &args)?;
    let pos = positional_count("exit", &args, 0, 1)?;
    let code = pos.first().cloned().unwrap_or(Value::None);
    Err(PyErr::with_args(TypeId::SystemExit, vec![code]))
}

/// A new exception instance of `ty` with `args`.
pub fn new_exception(ty: Rc<PyType>, args: Vec<Value>) -> Value {
    crate::gc::tracked(Value::Exception(Rc::new(PyException::new(ty, args))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_floats_like_cpython() {
        // Expected values checked with python3.11.
        let cases: &[(f64, i64, f64)] = &[
            (2.675, 2, 2.67),
            (0.125, 2, 0.12),
            (0.375, 2, 0.38),
            (123.456, -1, 120.0),
            (1e300, 2, 1e300),
            (-123.456, -400, -0.0),
            (1.23456789e-300, 305, 1.23457e-300),
            (2.5, 0, 2.0),
            (3.5, 0, 4.0),
            (-0.5, 0, -0.0),
            (0.1, 1, 0.1),
            (1.15, 1, 1.1),
            (1.25, 1, 1.2),
            (5e-324, 400, 5e-324),
        ];
        for &(x, n, want) in cases {
            let got = round_float(x, n).unwrap_or(f64::NAN);
            assert_eq!(got.to_bits(), want.to_bits(), "round({x}, {n}) = {got}");
        }
        assert!(round_float(1.7e308, -308).is_err());
    }

    #[test]
    fn rounding_ints() {
        assert_eq!(round_int(&BigInt::from(25), -1), BigInt::from(20));
        assert_eq!(round_int(&BigInt::from(35), -1), BigInt::from(40));
        assert_eq!(round_int(&BigInt::from(-25), -1), BigInt::from(-20));
        assert_eq!(round_int(&BigInt::from(-26), -1), BigInt::from(-30));
        assert_eq!(round_int(&BigInt::from(12345), -10), BigInt::from(0));
        assert_eq!(round_int(&BigInt::from(50), -2), BigInt::from(0));
        assert_eq!(round_int(&BigInt::from(150), -2), BigInt::from(200));
    }

    #[test]
    fn modular_inverses() {
        assert_eq!(modular_inverse(&BigInt::from(3), &BigInt::from(7)), Some(BigInt::from(5)));
        assert_eq!(modular_inverse(&BigInt::from(2), &BigInt::from(4)), None);
        assert_eq!(modular_inverse(&BigInt::from(-3), &BigInt::from(7)), Some(BigInt::from(2)));
    }

    use crate::objects::types::builtin_type;

    fn call(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
        let f = vm.builtins.get_str(name).unwrap_or(Value::None);
        match &f {
            Value::Native(n) => (n.func)(vm, CallArgs::new(args)),
            Value::Type(t) => crate::builtins::call_type(vm, &t.clone(), CallArgs::new(args)),
            _ => Err(PyErr::name_error(name.to_owned())),
        }
    }

    fn call_kw(vm: &mut Vm, name: &str, args: &[Value], kwnames: &[&str]) -> PyResult<Value> {
        let f = vm.builtins.get_str(name).unwrap_or(Value::None);
        let names: Vec<Rc<crate::objects::str::PyStr>> =
            kwnames.iter().map(|n| Rc::new(crate::objects::str::PyStr::new((*n).to_owned()))).collect();
        match &f {
            Value::Native(n) => (n.func)(vm, CallArgs { args, kwnames: &names }),
            Value::Type(t) => crate::builtins::call_type(vm, &t.clone(), CallArgs { args, kwnames: &names }),
            _ => Err(PyErr::name_error(name.to_owned())),
        }
    }

    /// A compact rendering of a result for assertions.
    fn show(r: PyResult<Value>) -> String {
        match r {
            Err(e) => {
                let msg = match e.0.args().items.first() {
                    Some(Value::Str(s)) => s.as_str().to_owned(),
                    Some(other) => number::repr(other).unwrap_or_default(),
                    None => String::new(),
                };
                format!("{}: {}", e.0.ty.name, msg)
            }
            Ok(v) => show_value(&v),
        }
    }

    fn show_value(v: &Value) -> String {
        match v {
            Value::Str(s) => format!("'{}'", s.as_str()),
            Value::List(l) => format!("[{}]", l.items.borrow().iter().map(show_value).collect::<Vec<_>>().join(", ")),
            Value::Tuple(t) => format!("({})", t.items.iter().map(show_value).collect::<Vec<_>>().join(", ")),
            Value::None => "None".into(),
            Value::Type(t) => format!("<class '{}'>", t.name),
            Value::Exception(e) => format!("{}{}", e.ty.name, show_value(&Value::Tuple(e.args()))),
            Value::Range(r) => format!("range({}, {}, {})", r.start, r.stop, r.step),
            other => number::repr(other).unwrap_or_else(|| format!("<{}>", other.type_id().name())),
        }
    }

    fn ints(xs: &[i64]) -> Value {
        Value::list(xs.iter().map(|&x| Value::Int(x)).collect())
    }

    #[test]
    fn sorting_min_max() {
        let mut vm = Vm::new(vec![]);
        let abs = vm.builtins.get_str("abs").unwrap_or(Value::None);
        assert_eq!(show(call(&mut vm, "sorted", &[ints(&[3, 1, 2])])), "[1, 2, 3]");
        assert_eq!(show(call_kw(&mut vm, "sorted", &[ints(&[3, 1, 2]), Value::bool(true)], &["reverse"])), "[3, 2, 1]");
        // Stable, key computed by a callable.
        assert_eq!(show(call_kw(&mut vm, "sorted", &[ints(&[3, -3, 2, -2]), abs.clone()], &["key"])), "[2, -2, 3, -3]");
        assert_eq!(
            show(call_kw(&mut vm, "sorted", &[ints(&[3, -3, 2, -2]), abs.clone(), Value::bool(true)], &["key", "reverse"])),
            "[3, -3, 2, -2]"
        );
        let many: Vec<i64> = (0..1000).map(|i| (i * 7919) % 1009 - 500).collect();
        let mut want = many.clone();
        want.sort();
        assert_eq!(show(call(&mut vm, "sorted", &[ints(&many)])), show_value(&ints(&want)));
        assert_eq!(show(call_kw(&mut vm, "sorted", &[ints(&[1]), Value::Int(1)], &["foo"])), "TypeError: 'foo' is an invalid keyword argument for sort()");
        assert_eq!(show(call(&mut vm, "sorted", &[])), "TypeError: sorted expected 1 argument, got 0");

        assert_eq!(show(call(&mut vm, "max", &[ints(&[1, 5, 3])])), "5");
        assert_eq!(show(call(&mut vm, "min", &[Value::Int(4), Value::float(2.5), Value::Int(3)])), "2.5");
        assert_eq!(show(call_kw(&mut vm, "max", &[ints(&[-7, 5, 3]), abs.clone()], &["key"])), "-7");
        // The first of equal maxima wins.
        assert_eq!(show(call_kw(&mut vm, "max", &[ints(&[-7, 7]), abs], &["key"])), "-7");
        assert_eq!(show(call_kw(&mut vm, "min", &[ints(&[]), Value::Int(9)], &["default"])), "9");
        assert_eq!(show(call(&mut vm, "max", &[ints(&[])])), "ValueError: max() arg is an empty sequence");
        assert_eq!(show(call(&mut vm, "min", &[])), "TypeError: min expected at least 1 argument, got 0");
        assert_eq!(
            show(call_kw(&mut vm, "max", &[Value::Int(1), Value::Int(2), Value::Int(3)], &["default"])),
            "TypeError: Cannot specify a default for max() with multiple positional arguments"
        );
    }

    #[test]
    fn numeric_builtins() {
        let mut vm = Vm::new(vec![]);
        assert_eq!(show(call(&mut vm, "abs", &[Value::Int(i64::MIN)])), "9223372036854775808");
        assert_eq!(show(call(&mut vm, "abs", &[Value::str("a")])), "TypeError: bad operand type for abs(): 'str'");
        assert_eq!(show(call(&mut vm, "divmod", &[Value::Int(-7), Value::Int(2)])), "(-4, 1)");
        assert_eq!(show(call(&mut vm, "divmod", &[Value::str("a"), Value::Int(2)])), "TypeError: unsupported operand type(s) for divmod(): 'str' and 'int'");
        assert_eq!(show(call(&mut vm, "pow", &[Value::Int(2), Value::Int(10), Value::Int(1000)])), "24");
        assert_eq!(show(call(&mut vm, "pow", &[Value::Int(-2), Value::Int(3), Value::Int(5)])), "2");
        assert_eq!(show(call(&mut vm, "pow", &[Value::Int(2), Value::Int(3), Value::Int(-5)])), "-2");
        assert_eq!(show(call(&mut vm, "pow", &[Value::Int(3), Value::Int(-1), Value::Int(7)])), "5");
        assert_eq!(show(call(&mut vm, "pow", &[Value::Int(3), Value::Int(-2), Value::Int(-7)])), "-3");
        assert_eq!(show(call(&mut vm, "pow", &[Value::Int(2), Value::Int(-1), Value::Int(4)])), "ValueError: base is not invertible for the given modulus");
        assert_eq!(show(call(&mut vm, "pow", &[Value::Int(2), Value::Int(3), Value::Int(0)])), "ValueError: pow() 3rd argument cannot be 0");
        assert_eq!(show(call(&mut vm, "pow", &[Value::float(1.0), Value::Int(2), Value::Int(3)])), "TypeError: pow() 3rd argument not allowed unless all arguments are integers");
        assert_eq!(show(call(&mut vm, "pow", &[Value::Int(2), Value::float(0.5)])), "1.4142135623730951");
        assert_eq!(show(call(&mut vm, "pow", &[Value::Int(1)])), "TypeError: pow() missing required argument 'exp' (pos 2)");
        assert_eq!(show(call(&mut vm, "round", &[Value::float(2.5)])), "2");
        assert_eq!(show(call(&mut vm, "round", &[Value::float(-0.5)])), "0");
        assert_eq!(show(call(&mut vm, "round", &[Value::float(2.675), Value::Int(2)])), "2.67");
        assert_eq!(show(call(&mut vm, "round", &[Value::Int(25), Value::Int(-1)])), "20");
        assert_eq!(show(call(&mut vm, "round", &[Value::bool(true)])), "1");
        assert_eq!(show(call(&mut vm, "round", &[Value::float(1.5), Value::None])), "2");
        assert_eq!(show(call(&mut vm, "round", &[Value::float(f64::INFINITY)])), "OverflowError: cannot convert float infinity to integer");
        assert_eq!(show(call(&mut vm, "round", &[Value::str("a")])), "TypeError: type str doesn't define __round__ method");
        assert_eq!(show(call(&mut vm, "hex", &[Value::Int(255)])), "'0xff'");
        assert_eq!(show(call(&mut vm, "bin", &[Value::Int(-5)])), "'-0b101'");
        assert_eq!(show(call(&mut vm, "oct", &[Value::bool(true)])), "'0o1'");
        assert_eq!(show(call(&mut vm, "hex", &[Value::float(1.5)])), "TypeError: 'float' object cannot be interpreted as an integer");
        assert_eq!(show(call(&mut vm, "chr", &[Value::Int(233)])), "'é'");
        assert_eq!(show(call(&mut vm, "chr", &[Value::Int(-1)])), "ValueError: chr() arg not in range(0x110000)");
        assert_eq!(show(call(&mut vm, "ord", &[Value::str("é")])), "233");
        assert_eq!(show(call(&mut vm, "ord", &[Value::str("ab")])), "TypeError: ord() expected a character, but string of length 2 found");
        assert_eq!(show(call(&mut vm, "ord", &[Value::Int(1)])), "TypeError: ord() expected string of length 1, but int found");
        assert_eq!(show(call(&mut vm, "hash", &[Value::float(1.5)])), "1152921504606846977");
        assert_eq!(show(call(&mut vm, "format", &[Value::float(1234567.891), Value::str(",.2f")])), "'1,234,567.89'");
        assert_eq!(show(call(&mut vm, "format", &[Value::Int(1), Value::Int(2)])), "TypeError: format() argument 2 must be str, not int");
        assert_eq!(show(call(&mut vm, "len", &[Value::Int(1), Value::Int(2)])), "TypeError: len() takes exactly one argument (2 given)");
    }

    #[test]
    fn type_checks_and_constructors() {
        let mut vm = Vm::new(vec![]);
        let int_type = Value::Type(builtin_type(TypeId::Int));
        let str_type = Value::Type(builtin_type(TypeId::Str));
        assert_eq!(show(call(&mut vm, "isinstance", &[Value::bool(true), int_type.clone()])), "True");
        let nested = Value::tuple(vec![str_type.clone(), Value::tuple(vec![int_type.clone()])]);
        assert_eq!(show(call(&mut vm, "isinstance", &[Value::Int(1), nested])), "True");
        assert_eq!(show(call(&mut vm, "isinstance", &[Value::float(1.0), int_type.clone()])), "False");
        assert_eq!(show(call(&mut vm, "isinstance", &[Value::Int(1), Value::Int(2)])), "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union");
        let zde = Value::Type(builtin_type(TypeId::ZeroDivisionError));
        let arith = Value::Type(builtin_type(TypeId::ArithmeticError));
        assert_eq!(show(call(&mut vm, "issubclass", &[zde.clone(), arith])), "True");
        assert_eq!(show(call(&mut vm, "issubclass", &[Value::Int(1), int_type])), "TypeError: issubclass() arg 1 must be a class");

        assert_eq!(show(call(&mut vm, "int", &[])), "0");
        assert_eq!(show(call(&mut vm, "int", &[Value::str(" -0x1F "), Value::Int(0)])), "-31");
        assert_eq!(show(call(&mut vm, "int", &[Value::float(-3.9)])), "-3");
        assert_eq!(show(call(&mut vm, "int", &[Value::str("abc")])), "ValueError: invalid literal for int() with base 10: 'abc'");
        assert_eq!(show(call(&mut vm, "int", &[Value::float(1.5), Value::Int(10)])), "TypeError: int() can't convert non-string with explicit base");
        assert_eq!(show(call(&mut vm, "int", &[Value::str("1"), Value::Int(1)])), "ValueError: int() base must be >= 2 and <= 36, or 0");
        assert_eq!(show(call_kw(&mut vm, "int", &[Value::Int(5)], &["x"])), "TypeError: 'x' is an invalid keyword argument for int()");
        assert_eq!(show(call_kw(&mut vm, "int", &[Value::Int(10)], &["base"])), "TypeError: int() missing string argument");
        assert_eq!(show(call(&mut vm, "int", &[ints(&[])])), "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'list'");
        assert_eq!(show(call(&mut vm, "float", &[Value::str(" 1e3 ")])), "1000.0");
        assert_eq!(show(call(&mut vm, "float", &[Value::str("x")])), "ValueError: could not convert string to float: 'x'");
        assert_eq!(show(call(&mut vm, "float", &[Value::Int(1), Value::Int(2)])), "TypeError: float expected at most 1 argument, got 2");
        assert_eq!(show(call(&mut vm, "bool", &[Value::Int(0)])), "False");
        assert_eq!(show(call(&mut vm, "str", &[Value::str("s")])), "'s'");
        assert_eq!(show(call(&mut vm, "list", &[Value::tuple(vec![Value::Int(1)])])), "[1]");
        assert_eq!(show(call(&mut vm, "tuple", &[ints(&[1, 2])])), "(1, 2)");
        assert_eq!(show(call(&mut vm, "range", &[Value::Int(5)])), "range(0, 5, 1)");
        assert_eq!(show(call(&mut vm, "range", &[Value::Int(0), Value::Int(1), Value::Int(0)])), "ValueError: range() arg 3 must not be zero");
        assert_eq!(show(call(&mut vm, "range", &[Value::float(1.5)])), "TypeError: 'float' object cannot be interpreted as an integer");
        assert_eq!(show(call(&mut vm, "range", &[])), "TypeError: range expected at least 1 argument, got 0");
        assert_eq!(show(call(&mut vm, "type", &[Value::Int(1)])), "<class 'int'>");
        assert_eq!(show(call(&mut vm, "type", &[])), "TypeError: type() takes 1 or 3 arguments");
        assert_eq!(show(call(&mut vm, "ValueError", &[Value::str("bad"), Value::Int(1)])), "ValueError('bad', 1)");
        assert_eq!(show(call_kw(&mut vm, "ValueError", &[Value::Int(1)], &["x"])), "TypeError: ValueError() takes no keyword arguments");
        let pairs = Value::list(vec![Value::tuple(vec![Value::str("a"), Value::Int(1)])]);
        assert!(matches!(call(&mut vm, "dict", &[pairs]), Ok(Value::Dict(d)) if d.len() == 1));
        let bad = Value::list(vec![Value::tuple(vec![Value::Int(1), Value::Int(2), Value::Int(3)])]);
        assert_eq!(show(call(&mut vm, "dict", &[bad])), "ValueError: dictionary update sequence element #0 has length 3; 2 is required");
        assert_eq!(show(call(&mut vm, "exit", &[Value::Int(3)])), "SystemExit: 3");
        // Internal types are not builtins names.
        assert!(vm.builtins.get_str("NoneType").is_none());
        assert!(vm.builtins.get_str("function").is_none());
    }

    #[test]
    fn ids_of_unboxed_values_are_stable_and_distinct() {
        assert_eq!(identity(&Value::Int(5)), identity(&Value::Int(5)));
        assert_ne!(identity(&Value::Int(5)), identity(&Value::Int(6)));
        assert_ne!(identity(&Value::Int(1)), identity(&Value::bool(true)));
        assert!(identity(&Value::float(-1.5)) >= 0);
        assert_ne!(identity(&Value::None) % 8, 0);
    }
}
