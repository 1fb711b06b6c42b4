//! The `random` module: the `Random` type (a Mersenne Twister, `mt19937.rs`) and the
//! module-level functions bound to a hidden instance, drawing numbers in the same order as
//! CPython 3.11's `random.py` so that a given integer seed gives the same sequences.

pub mod mt19937;
mod sha512;

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::bytecode::opcodes::BinaryOp;
use crate::error::{PyErr, PyResult};
use crate::modules::math::{real_vm, type_name_of};
use crate::modules::pyargs::{bind, PySignature};
use crate::modules::support::{new_object, self_state};
use crate::objects::{int, number};
use crate::ops;
use crate::value::{CallArgs, NativeFn, NativeState, PyMethod, PyModule, Value};
use crate::vm::Vm;

use mt19937::{Mt19937, STATE_WORDS};

/// The Rust state of a `Random` instance.
pub struct RandomState {
    mt: RefCell<Mt19937>,
    gauss_next: Cell<Option<f64>>,
}

impl NativeState for RandomState {}

impl RandomState {
    fn new() -> RandomState {
        let state = RandomState { mt: RefCell::new(Mt19937::new(19_650_218)), gauss_next: Cell::new(None) };
        state.seed_from_os();
        state
    }

    fn random(&self) -> f64 {
        self.mt.borrow_mut().next_f64()
    }

    fn seed_from_os(&self) {
        let mut key = [0u32; STATE_WORDS];
        let mut filled = false;
        if let Ok(bytes) = read_urandom(STATE_WORDS * 4) {
            for (word, chunk) in key.iter_mut().zip(bytes.chunks(4)) {
                let mut b = [0u8; 4];
                b[..chunk.len()].copy_from_slice(chunk);
                *word = u32::from_le_bytes(b);
            }
            filled = true;
        }
        if !filled {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            key[0] = nanos as u32;
            key[1] = (nanos >> 32) as u32;
            key[2] = std::process::id();
        }
        self.mt.borrow_mut().init_by_array(&key);
        self.gauss_next.set(None);
    }

    fn seed_int(&self, n: &BigInt) {
        self.mt.borrow_mut().seed_from_int(&n.abs());
        self.gauss_next.set(None);
    }

    /// A uniformly random int in [0, n) for n > 0 (`_randbelow_with_getrandbits`).
    fn below(&self, n: &BigInt) -> BigInt {
        if let Some(small) = n.to_u64() {
            return BigInt::from(self.below_u64(small));
        }
        let k = n.bits();
        let mut mt = self.mt.borrow_mut();
        loop {
            let r = mt.random_bits(k);
            if &r < n {
                return r;
            }
        }
    }

    /// `below` for a machine-sized bound, with exactly the same draws.
    fn below_u64(&self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        let mut mt = self.mt.borrow_mut();
        loop {
            let r = if k <= 32 {
                (mt.next_u32() >> (32 - k)) as u64
            } else {
                let low = mt.next_u32() as u64;
                let high = (mt.next_u32() >> (64 - k)) as u64;
                low | (high << 32)
            };
            if r < n {
                return r;
            }
        }
    }
}

fn read_urandom(n: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut f = std::fs::File::open("/dev/urandom")?;
    let mut buf = vec![0u8; n];
    f.read_exact(&mut buf)?;
    Ok(buf)
}

const METHODS: &[(&str, NativeFn)] = &[
    ("__new__", random_new),
    ("__init__", random_init),
    ("seed", seed),
    ("random", random),
    ("getrandbits", getrandbits),
    ("randbytes", randbytes),
    ("randrange", randrange),
    ("randint", randint),
    ("choice", choice),
    ("choices", choices),
    ("shuffle", shuffle),
    ("sample", sample),
    ("uniform", uniform),
    ("triangular", triangular),
    ("gauss", gauss),
    ("normalvariate", normalvariate),
    ("lognormvariate", lognormvariate),
    ("expovariate", expovariate),
    ("vonmisesvariate", vonmisesvariate),
    ("gammavariate", gammavariate),
    ("betavariate", betavariate),
    ("paretovariate", paretovariate),
    ("weibullvariate", weibullvariate),
    ("getstate", getstate),
    ("setstate", setstate),
];

crate::native_type!(random_type, "Random", "random", METHODS);

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("random");
    let ty = random_type();
    m.add("Random", Value::Type(ty.clone()));
    let instance = new_object(&ty, RandomState::new(), true);
    for &(name, _) in METHODS {
        if name.starts_with("__") {
            continue;
        }
        if let Some(func) = ty.dict.get_str(name) {
            m.add(name, Value::Method(Rc::new(PyMethod { func, self_value: instance.clone() })));
        }
    }
    m.add("_inst", instance);
    Ok(m)
}

fn state<'a>(args: &CallArgs<'a>, method: &str) -> PyResult<&'a RandomState> {
    self_state::<RandomState>(args, "Random", method)
}

fn sig<'s>(name: &'s str, params: &'s [&'s str], positional: usize, required: usize) -> PySignature<'s> {
    PySignature { name, params, positional, required, self_offset: 1 }
}

// ---------------------------------------------------------------------------------------------
// Construction and seeding.

fn random_new(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let class = match args.args.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => random_type(),
    };
    let st = RandomState::new();
    let rest = args.positional().get(1..).unwrap_or(&[]);
    if rest.len() > 1 {
        return Err(PyErr::type_error(format!(
            "Random.__init__() takes from 1 to 2 positional arguments but {} were given",
            rest.len() + 1
        )));
    }
    if let Some(seed_value) = rest.first() {
        seed_state(&st, seed_value)?;
    }
    Ok(new_object(&class, st, true))
}

fn random_init(_vm: &mut Vm, _args: CallArgs<'_>) -> PyResult<Value> {
    // Seeding happens in __new__ (so it also works without the class protocol's __init__).
    Ok(Value::None)
}

fn seed_state(st: &RandomState, a: &Value) -> PyResult<()> {
    match a {
        Value::None => st.seed_from_os(),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => st.seed_int(&int::to_bigint(a).unwrap_or_default()),
        Value::Float(f) => st.seed_int(&BigInt::from(crate::objects::float::hash_f64(f.get()))),
        Value::Str(_) | Value::Bytes(_) | Value::ByteArray(_) => {
            let mut data: Vec<u8> = match a {
                Value::Str(s) => s.as_str().as_bytes().to_vec(),
                Value::Bytes(b) => b.data.to_vec(),
                Value::ByteArray(b) => b.data.borrow().clone(),
                _ => Vec::new(),
            };
            let digest = sha512::digest(&data);
            data.extend_from_slice(&digest);
            st.seed_int(&BigInt::from_bytes_be(num_bigint::Sign::Plus, &data));
        }
        _ => {
            return Err(PyErr::type_error(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ))
        }
    }
    Ok(())
}

fn seed(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "seed")?;
    let [a, version] = bind::<2>(&args, &sig("Random.seed", &["a", "version"], 2, 0))?;
    if let Some(v) = version {
        if !matches!(v, Value::Int(2)) && matches!(a, Some(Value::Str(_) | Value::Bytes(_) | Value::ByteArray(_))) {
            return Err(PyErr::unsupported("random.seed() with version=1"));
        }
    }
    seed_state(st, a.unwrap_or(&Value::None))?;
    Ok(Value::None)
}

fn getstate(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "getstate")?;
    bind::<0>(&args, &sig("Random.getstate", &[], 0, 0))?;
    let mt = st.mt.borrow();
    let (words, index) = mt.state();
    let mut items: Vec<Value> = words.iter().map(|&w| Value::Int(w as i64)).collect();
    items.push(Value::Int(index as i64));
    let gauss = match st.gauss_next.get() {
        Some(g) => Value::float(g),
        None => Value::None,
    };
    Ok(Value::tuple(vec![Value::Int(3), Value::tuple(items), gauss]))
}

fn setstate(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "setstate")?;
    let [state_value] = bind::<1>(&args, &sig("Random.setstate", &["state"], 1, 1))?;
    let state_value = state_value.unwrap_or(&Value::None);
    let version = ops::getitem(vm, state_value, &Value::Int(0))?;
    if !matches!(version, Value::Int(3)) {
        return Err(PyErr::value_error(format!(
            "state with version {} passed to Random.setstate() of version 3",
            ops::repr(vm, &version)?
        )));
    }
    let inner = ops::getitem(vm, state_value, &Value::Int(1))?;
    let gauss = ops::getitem(vm, state_value, &Value::Int(2))?;
    let Value::Tuple(t) = &inner else {
        return Err(PyErr::type_error("state vector must be a tuple"));
    };
    if t.items.len() != STATE_WORDS + 1 {
        return Err(PyErr::value_error("state vector is the wrong size"));
    }
    let mut words = Vec::with_capacity(STATE_WORDS);
    for v in &t.items[..STATE_WORDS] {
        let w = int::to_bigint(v).ok_or_else(|| int::not_an_integer(v))?;
        words.push(w.to_u32().ok_or_else(|| PyErr::overflow("Python int too large to convert to C unsigned long"))?);
    }
    let index = int::index_i64(&t.items[STATE_WORDS])?;
    if index < 0 || index > STATE_WORDS as i64 {
        return Err(PyErr::value_error("invalid state"));
    }
    st.mt.borrow_mut().set_state(&words, index as usize).ok_or_else(|| PyErr::value_error("invalid state"))?;
    st.gauss_next.set(match gauss {
        Value::None => None,
        other => Some(real_vm(vm, &other)?),
    });
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------------------
// Integers.

fn random(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "random")?;
    if args.args.len() != 1 {
        return Err(PyErr::type_error(format!(
            "Random.random() takes no arguments ({} given)",
            args.args.len() - 1
        )));
    }
    Ok(Value::float(st.random()))
}

fn bits_count(v: &Value) -> PyResult<u64> {
    let k = int::index_i64(&int::index_value(v)?)?;
    if k < 0 {
        return Err(PyErr::value_error("number of bits must be non-negative"));
    }
    if k > 1 << 34 {
        return Err(PyErr::memory_error());
    }
    Ok(k as u64)
}

fn getrandbits(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "getrandbits")?;
    crate::builtins::args::no_kwargs("getrandbits", &args)?;
    let [Some(k)] = crate::objects::args::positional::<1>("getrandbits", &args, 1)? else {
        return Err(PyErr::type_error("getrandbits() takes exactly one argument (0 given)"));
    };
    let k = bits_count(k)?;
    if k == 0 {
        return Ok(Value::Int(0));
    }
    Ok(Value::from_bigint(st.mt.borrow_mut().random_bits(k)))
}

fn randbytes(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "randbytes")?;
    let [n] = bind::<1>(&args, &sig("Random.randbytes", &["n"], 1, 1))?;
    let n = int::index_i64(&int::index_value(n.unwrap_or(&Value::None))?)?;
    if n < 0 {
        return Err(PyErr::value_error("number of bits must be non-negative"));
    }
    let k = bits_count(&Value::Int(n.saturating_mul(8)))?;
    let value = if k == 0 { BigInt::zero() } else { st.mt.borrow_mut().random_bits(k) };
    let (_, mut bytes) = value.to_bytes_le();
    bytes.resize(n as usize, 0);
    Ok(crate::objects::bytes::new_bytes(bytes))
}

/// `_index(v)`, or for an integral float its int value (CPython deprecates but accepts it);
/// `what` names the argument in "non-integer {what} for randrange()".
fn range_argument(vm: &mut Vm, v: &Value, what: &str) -> PyResult<BigInt> {
    if let Ok(i) = crate::modules::math::index_vm(vm, v) {
        return Ok(int::to_bigint(&i).unwrap_or_default());
    }
    match v {
        Value::Float(f) => {
            let truncated = int::float_to_int(f.get())?;
            if f.get().fract() != 0.0 {
                return Err(PyErr::value_error(format!("non-integer {what} for randrange()")));
            }
            Ok(int::to_bigint(&truncated).unwrap_or_default())
        }
        other => Err(PyErr::type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            type_name_of(other)
        ))),
    }
}

/// `randrange` when the start, the stop and the step (if given) are machine ints and the
/// range is not empty: the same draws as the bigint path (`below` takes `below_u64` for a
/// machine-sized bound), without allocating a bigint per argument. `None` for anything
/// else, which the bigint path handles (and reports).
fn randrange_small(st: &RandomState, start: &Value, stop: Option<&Value>, step: Option<&Value>) -> Option<Value> {
    let Value::Int(start) = *start else { return None };
    let step = match step {
        None => 1,
        Some(Value::Int(step)) if *step != 0 => *step,
        Some(_) => return None,
    };
    let stop = match stop {
        None | Some(Value::None) if step == 1 && start > 0 => return Some(Value::Int(st.below_u64(start as u64) as i64)),
        Some(Value::Int(stop)) => *stop,
        _ => return None,
    };
    let width = stop.checked_sub(start)?;
    let count = if step == 1 {
        width
    } else {
        let rounding = if step > 0 { step - 1 } else { step + 1 };
        num_integer::Integer::div_floor(&width.checked_add(rounding)?, &step)
    };
    if count <= 0 {
        return None;
    }
    // start + step * k for k < count lies between start and stop: it fits.
    let k = st.below_u64(count as u64) as i64;
    Some(Value::Int(start + step * k))
}

fn randrange_impl(vm: &mut Vm, st: &RandomState, start: &Value, stop: Option<&Value>, step: Option<&Value>) -> PyResult<Value> {
    if let Some(value) = randrange_small(st, start, stop, step) {
        return Ok(value);
    }
    let istart = range_argument(vm, start, "arg 1")?;
    let stop = match stop {
        None | Some(Value::None) => {
            let step_is_one = match step {
                None => true,
                Some(s) => number::eq(s, &Value::Int(1)).unwrap_or(false),
            };
            if !step_is_one {
                return Err(PyErr::type_error("Missing a non-None stop argument"));
            }
            if istart.is_positive() {
                return Ok(Value::from_bigint(st.below(&istart)));
            }
            return Err(PyErr::value_error("empty range for randrange()"));
        }
        Some(s) => s,
    };
    let istop = range_argument(vm, stop, "stop")?;
    let width = &istop - &istart;
    let istep = match step {
        None => BigInt::from(1),
        Some(s) => range_argument(vm, s, "step")?,
    };
    if istep == BigInt::from(1) {
        if width.is_positive() {
            return Ok(Value::from_bigint(&istart + st.below(&width)));
        }
        return Err(PyErr::value_error(format!("empty range for randrange() ({istart}, {istop}, {width})")));
    }
    let n = if istep.is_positive() {
        num_integer::Integer::div_floor(&(&width + &istep - 1), &istep)
    } else if istep.is_negative() {
        num_integer::Integer::div_floor(&(&width + &istep + 1), &istep)
    } else {
        return Err(PyErr::value_error("zero step for randrange()"));
    };
    if !n.is_positive() {
        return Err(PyErr::value_error("empty range for randrange()"));
    }
    Ok(Value::from_bigint(istart + istep * st.below(&n)))
}

fn randrange(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "randrange")?;
    let [start, stop, step] = bind::<3>(&args, &sig("Random.randrange", &["start", "stop", "step"], 3, 1))?;
    randrange_impl(vm, st, start.unwrap_or(&Value::None), stop, step)
}

fn randint(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "randint")?;
    let [a, b] = bind::<2>(&args, &sig("Random.randint", &["a", "b"], 2, 2))?;
    let (a, b) = (a.unwrap_or(&Value::None), b.unwrap_or(&Value::None));
    let stop = ops::binary_op(vm, BinaryOp::Add, false, b, &Value::Int(1))?;
    randrange_impl(vm, st, a, Some(&stop), None)
}

// ---------------------------------------------------------------------------------------------
// Sequences.

fn choice(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "choice")?;
    let [seq] = bind::<1>(&args, &sig("Random.choice", &["seq"], 1, 1))?;
    let seq = seq.unwrap_or(&Value::None);
    let n = ops::len(vm, seq)?;
    if n == 0 {
        return Err(PyErr::index_error("Cannot choose from an empty sequence"));
    }
    let i = st.below_u64(n as u64);
    ops::getitem(vm, seq, &Value::Int(i as i64))
}

fn shuffle(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "shuffle")?;
    let [x] = bind::<1>(&args, &sig("Random.shuffle", &["x"], 1, 1))?;
    let x = x.unwrap_or(&Value::None);
    if let Value::List(list) = x {
        // Drawing numbers runs no Python code, so the list can stay borrowed.
        let mut items = list.items.borrow_mut();
        for i in (1..items.len()).rev() {
            let j = st.below_u64(i as u64 + 1) as usize;
            items.swap(i, j);
        }
        return Ok(Value::None);
    }
    let n = ops::len(vm, x)?;
    for i in (1..n).rev() {
        let j = st.below_u64(i as u64 + 1) as usize;
        let (vi, vj) = (Value::Int(i as i64), Value::Int(j as i64));
        let a = ops::getitem(vm, x, &vi)?;
        let b = ops::getitem(vm, x, &vj)?;
        ops::setitem(vm, x, &vi, b)?;
        ops::setitem(vm, x, &vj, a)?;
    }
    Ok(Value::None)
}

fn is_sequence(v: &Value) -> bool {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) | Value::Bytes(_) | Value::ByteArray(_) => true,
        Value::Object(_) => ops::lookup_method(v, "__getitem__").is_some() && ops::lookup_method(v, "__len__").is_some(),
        _ => false,
    }
}

/// Positions `sample` picks from a population of `n`: CPython's two algorithms (a shrinking
/// pool for small populations, rejection with a set otherwise), drawing identically.
fn sample_positions(st: &RandomState, n: u64, k: u64) -> PyResult<Vec<u64>> {
    let mut setsize: f64 = 21.0;
    if k > 5 {
        // 4 ** ceil(log(3k, 4)), the table size of a set of k items.
        setsize += 4f64.powi((((k * 3) as f64).ln() / 4f64.ln()).ceil() as i32);
    }
    let mut result = Vec::new();
    result.try_reserve_exact(k as usize).map_err(|_| PyErr::memory_error())?;
    if (n as f64) <= setsize {
        let mut pool: Vec<u64> = (0..n).collect();
        for i in 0..k {
            let j = st.below_u64(n - i) as usize;
            result.push(pool[j]);
            pool[j] = pool[(n - i - 1) as usize];
        }
    } else {
        let mut selected = HashSet::new();
        for _ in 0..k {
            let mut j = st.below_u64(n);
            while selected.contains(&j) {
                j = st.below_u64(n);
            }
            selected.insert(j);
            result.push(j);
        }
    }
    Ok(result)
}

/// `itertools.accumulate(values)` with `+`, as a list.
fn running_totals(vm: &mut Vm, iterable: &Value) -> PyResult<Vec<Value>> {
    let it = ops::get_iter(vm, iterable)?;
    let mut totals: Vec<Value> = Vec::new();
    while let Some(v) = ops::next(vm, &it)? {
        let next = match totals.last() {
            Some(last) => ops::binary_op(vm, BinaryOp::Add, false, last, &v)?,
            None => v,
        };
        totals.push(next);
    }
    Ok(totals)
}

/// bisect_right(a, x, 0, hi) over values.
fn bisect_values(vm: &mut Vm, a: &[Value], x: &Value, hi: usize) -> PyResult<usize> {
    let (mut lo, mut hi) = (0usize, hi);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if ops::lt(vm, x, &a[mid])? {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn sample(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "sample")?;
    let [population, k, counts] = bind::<3>(&args, &sig("Random.sample", &["population", "k", "counts"], 2, 2))?;
    let population = population.unwrap_or(&Value::None);
    let k_value = k.unwrap_or(&Value::None);
    if !is_sequence(population) {
        return Err(PyErr::type_error("Population must be a sequence.  For dicts or sets, use sorted(d)."));
    }
    let n = ops::len(vm, population)?;
    if let Some(counts) = counts.filter(|c| !matches!(c, Value::None)) {
        let mut cum_counts = running_totals(vm, counts)?;
        if cum_counts.len() != n {
            return Err(PyErr::value_error("The number of counts does not match the population"));
        }
        let total = cum_counts.pop().unwrap_or(Value::Int(0));
        if !int::is_int(&total) || matches!(total, Value::Bool(_)) {
            return Err(PyErr::type_error("Counts must be integers"));
        }
        if int::sign_of(&total) <= 0 {
            return Err(PyErr::value_error("Total of counts must be greater than zero"));
        }
        let total = int::index_i64(&total)?;
        let k = sample_k(vm, k_value, total as u64)?;
        let positions = sample_positions(st, total as u64, k)?;
        let mut out = Vec::with_capacity(positions.len());
        let hi = cum_counts.len();
        for p in positions {
            let index = bisect_values(vm, &cum_counts, &Value::Int(p as i64), hi)?;
            out.push(ops::getitem(vm, population, &Value::Int(index as i64))?);
        }
        return Ok(Value::list(out));
    }
    let k = sample_k(vm, k_value, n as u64)?;
    let positions = sample_positions(st, n as u64, k)?;
    let mut out = Vec::with_capacity(positions.len());
    for p in positions {
        out.push(ops::getitem(vm, population, &Value::Int(p as i64))?);
    }
    Ok(Value::list(out))
}

fn sample_k(vm: &mut Vm, k: &Value, n: u64) -> PyResult<u64> {
    let k = crate::modules::math::index_vm(vm, k)?;
    match k {
        Value::Int(i) if i >= 0 && (i as u64) <= n => Ok(i as u64),
        _ => Err(PyErr::value_error("Sample larger than population or is negative")),
    }
}

fn choices(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "choices")?;
    let [population, weights, cum_weights, k] =
        bind::<4>(&args, &sig("Random.choices", &["population", "weights", "cum_weights", "k"], 2, 1))?;
    let population = population.unwrap_or(&Value::None);
    let weights = weights.filter(|w| !matches!(w, Value::None));
    let cum_weights = cum_weights.filter(|w| !matches!(w, Value::None));
    let n = ops::len(vm, population)?;
    let k_value = k.cloned().unwrap_or(Value::Int(1));
    let count = |vm: &mut Vm| -> PyResult<usize> {
        let k = crate::modules::math::index_vm(vm, &k_value)?;
        Ok(int::index_i64(&k)?.max(0) as usize)
    };
    let cum = match (weights, cum_weights) {
        (None, None) => {
            let k = count(vm)?;
            let nf = n as f64;
            let mut out = Vec::new();
            out.try_reserve_exact(k).map_err(|_| PyErr::memory_error())?;
            for _ in 0..k {
                let i = (st.random() * nf).floor() as i64;
                out.push(ops::getitem(vm, population, &Value::Int(i))?);
            }
            return Ok(Value::list(out));
        }
        (Some(w), None) => match running_totals(vm, w) {
            Ok(c) => c,
            Err(e) if int::is_int(w) && e.matches(crate::objects::types::TypeId::TypeError) => {
                return Err(PyErr::type_error(format!(
                    "The number of choices must be a keyword argument: k={}",
                    ops::repr(vm, w)?
                )));
            }
            Err(e) => return Err(e),
        },
        (None, Some(c)) => ops::collect(vm, c)?,
        (Some(_), Some(_)) => return Err(PyErr::type_error("Cannot specify both weights and cumulative weights")),
    };
    if cum.len() != n {
        return Err(PyErr::value_error("The number of weights does not match the population"));
    }
    let Some(last) = cum.last() else {
        return Err(PyErr::index_error("list index out of range"));
    };
    let total = ops::binary_op(vm, BinaryOp::Add, false, last, &Value::float(0.0))?;
    let total = real_vm(vm, &total)?;
    if total <= 0.0 {
        return Err(PyErr::value_error("Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(PyErr::value_error("Total of weights must be finite"));
    }
    let k = count(vm)?;
    let hi = n - 1;
    let mut out = Vec::new();
    out.try_reserve_exact(k).map_err(|_| PyErr::memory_error())?;
    for _ in 0..k {
        let x = Value::float(st.random() * total);
        let i = bisect_values(vm, &cum, &x, hi)?;
        out.push(ops::getitem(vm, population, &Value::Int(i as i64))?);
    }
    Ok(Value::list(out))
}

// ---------------------------------------------------------------------------------------------
// Distributions.

fn floats<const N: usize>(vm: &mut Vm, slots: [Option<&Value>; N], defaults: [f64; N]) -> PyResult<[f64; N]> {
    let mut out = defaults;
    for (o, v) in out.iter_mut().zip(slots.iter()) {
        if let Some(v) = v {
            *o = real_vm(vm, v)?;
        }
    }
    Ok(out)
}

fn uniform(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "uniform")?;
    let slots = bind::<2>(&args, &sig("Random.uniform", &["a", "b"], 2, 2))?;
    let [a, b] = floats(vm, slots, [0.0, 0.0])?;
    Ok(Value::float(a + (b - a) * st.random()))
}

fn triangular(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "triangular")?;
    let [low_value, high, mode] = bind::<3>(&args, &sig("Random.triangular", &["low", "high", "mode"], 3, 0))?;
    let [mut low, mut high] = floats(vm, [low_value, high], [0.0, 1.0])?;
    let mode = match mode {
        None | Some(Value::None) => None,
        Some(m) => Some(real_vm(vm, m)?),
    };
    let mut u = st.random();
    let mut c = match mode {
        None => 0.5,
        Some(m) => {
            if high - low == 0.0 {
                return Ok(low_value.cloned().unwrap_or(Value::float(0.0)));
            }
            (m - low) / (high - low)
        }
    };
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    Ok(Value::float(low + (high - low) * (u * c).sqrt()))
}

fn normal(st: &RandomState, mu: f64, sigma: f64) -> f64 {
    let nv_magicconst = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    loop {
        let u1 = st.random();
        let u2 = 1.0 - st.random();
        let z = nv_magicconst * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -u2.ln() {
            return mu + z * sigma;
        }
    }
}

fn log_checked(x: f64) -> PyResult<f64> {
    if x <= 0.0 {
        return Err(PyErr::value_error("math domain error"));
    }
    Ok(x.ln())
}

fn normalvariate(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "normalvariate")?;
    let slots = bind::<2>(&args, &sig("Random.normalvariate", &["mu", "sigma"], 2, 0))?;
    let [mu, sigma] = floats(vm, slots, [0.0, 1.0])?;
    Ok(Value::float(normal(st, mu, sigma)))
}

fn lognormvariate(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "lognormvariate")?;
    let slots = bind::<2>(&args, &sig("Random.lognormvariate", &["mu", "sigma"], 2, 2))?;
    let [mu, sigma] = floats(vm, slots, [0.0, 1.0])?;
    let r = normal(st, mu, sigma).exp();
    if r.is_infinite() {
        return Err(PyErr::overflow("math range error"));
    }
    Ok(Value::float(r))
}

fn gauss(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "gauss")?;
    let slots = bind::<2>(&args, &sig("Random.gauss", &["mu", "sigma"], 2, 0))?;
    let [mu, sigma] = floats(vm, slots, [0.0, 1.0])?;
    let z = match st.gauss_next.take() {
        Some(z) => z,
        None => {
            let x2pi = st.random() * std::f64::consts::TAU;
            let g2rad = (-2.0 * log_checked(1.0 - st.random())?).sqrt();
            st.gauss_next.set(Some(x2pi.sin() * g2rad));
            x2pi.cos() * g2rad
        }
    };
    Ok(Value::float(mu + z * sigma))
}

fn expovariate(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "expovariate")?;
    let slots = bind::<1>(&args, &sig("Random.expovariate", &["lambd"], 1, 1))?;
    let [lambd] = floats(vm, slots, [1.0])?;
    let l = -log_checked(1.0 - st.random())?;
    if lambd == 0.0 {
        return Err(PyErr::zero_division("float division by zero"));
    }
    Ok(Value::float(l / lambd))
}

fn vonmisesvariate(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    use std::f64::consts::{PI, TAU};
    let st = state(&args, "vonmisesvariate")?;
    let slots = bind::<2>(&args, &sig("Random.vonmisesvariate", &["mu", "kappa"], 2, 2))?;
    let [mu, kappa] = floats(vm, slots, [0.0, 0.0])?;
    if kappa <= 1e-6 {
        return Ok(Value::float(TAU * st.random()));
    }
    let s = 0.5 / kappa;
    let r = s + (1.0 + s * s).sqrt();
    let z = loop {
        let u1 = st.random();
        let z = (PI * u1).cos();
        let d = z / (r + z);
        let u2 = st.random();
        if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
            break z;
        }
    };
    let q = 1.0 / r;
    let f = (q + z) / (1.0 + q * z);
    let u3 = st.random();
    let theta = if u3 > 0.5 { number::float_mod(mu + f.acos(), TAU) } else { number::float_mod(mu - f.acos(), TAU) };
    Ok(Value::float(theta))
}

fn gamma_draw(st: &RandomState, alpha: f64, beta: f64) -> PyResult<f64> {
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(PyErr::value_error("gammavariate: alpha and beta must be > 0.0"));
    }
    if alpha > 1.0 {
        let log4 = 4.0f64.ln();
        let sg_magicconst = 1.0 + 4.5f64.ln();
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let bbb = alpha - log4;
        let ccc = alpha + ainv;
        loop {
            let u1 = st.random();
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - st.random();
            let v = (u1 / (1.0 - u1)).ln() / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg_magicconst - 4.5 * z >= 0.0 || r >= log_checked(z)? {
                return Ok(x * beta);
            }
        }
    } else if alpha == 1.0 {
        Ok(-log_checked(1.0 - st.random())? * beta)
    } else {
        let e = std::f64::consts::E;
        loop {
            let u = st.random();
            let b = (e + alpha) / e;
            let p = b * u;
            let x = if p <= 1.0 { p.powf(1.0 / alpha) } else { -log_checked((b - p) / alpha)? };
            let u1 = st.random();
            if p > 1.0 {
                if u1 <= x.powf(alpha - 1.0) {
                    return Ok(x * beta);
                }
            } else if u1 <= (-x).exp() {
                return Ok(x * beta);
            }
        }
    }
}

fn gammavariate(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "gammavariate")?;
    let slots = bind::<2>(&args, &sig("Random.gammavariate", &["alpha", "beta"], 2, 2))?;
    let [alpha, beta] = floats(vm, slots, [0.0, 0.0])?;
    Ok(Value::float(gamma_draw(st, alpha, beta)?))
}

fn betavariate(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "betavariate")?;
    let slots = bind::<2>(&args, &sig("Random.betavariate", &["alpha", "beta"], 2, 2))?;
    let [alpha, beta] = floats(vm, slots, [0.0, 0.0])?;
    let y = gamma_draw(st, alpha, 1.0)?;
    if y != 0.0 {
        return Ok(Value::float(y / (y + gamma_draw(st, beta, 1.0)?)));
    }
    Ok(Value::float(0.0))
}

fn paretovariate(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "paretovariate")?;
    let slots = bind::<1>(&args, &sig("Random.paretovariate", &["alpha"], 1, 1))?;
    let [alpha] = floats(vm, slots, [1.0])?;
    let u = 1.0 - st.random();
    Ok(Value::float(crate::objects::number::float_pow(u, -1.0 / alpha)?))
}

fn weibullvariate(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let st = state(&args, "weibullvariate")?;
    let slots = bind::<2>(&args, &sig("Random.weibullvariate", &["alpha", "beta"], 2, 2))?;
    let [alpha, beta] = floats(vm, slots, [0.0, 0.0])?;
    let u = 1.0 - st.random();
    Ok(Value::float(alpha * crate::objects::number::float_pow(-log_checked(u)?, 1.0 / beta)?))
}
