//! Instruction semantics: one handler per opcode, named after it (`Op::LoadFast` ->
//! `load_fast`). Handlers read and write the running frame and the value stack; they never
//! loop over frames themselves (calls push a frame and return `Flow::Next`).

use std::rc::Rc;

use smallvec::SmallVec;

use super::attr_cache;
use super::call::KwNames;
use super::{Flow, OnReturn, Vm};
use crate::bytecode::opcodes::{self, BinaryOp, CompareOp, Op};
use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::set::PySet;
use crate::objects::str::PyStr;
use crate::objects::types::{builtin_type, TypeId};
use crate::ops;
use crate::value::{PyCell, PyFunction, PySlice, Value};

pub(super) use super::unwind::{
    before_with, check_exc_match, pop_except, push_exc_info, raise_varargs, reraise, with_except_start,
};

type Step = PyResult<Flow>;

const NEXT: Step = Ok(Flow::Next);

impl Vm {
    #[inline(always)]
    fn push(&mut self, v: Value) {
        self.push_value(v);
    }

    #[inline(always)]
    fn pop(&mut self) -> Value {
        // Not `unwrap_or(Value::Null)`: that drops its unused default through an out-of-line
        // call of the drop glue on every pop (ARCHITECTURE.md, "Values").
        self.stack.pop().unwrap_or_else(|| Value::Null)
    }

    #[inline(always)]
    fn top(&self) -> &Value {
        self.stack.last().unwrap_or(&Value::Null)
    }

    /// The item `depth` places from the top (1 = TOS).
    #[inline(always)]
    fn peek(&self, depth: usize) -> &Value {
        let len = self.stack.len();
        if depth == 0 || depth > len {
            return &Value::Null;
        }
        &self.stack[len - depth]
    }

    #[inline(always)]
    fn set_top(&mut self, v: Value) {
        if let Some(t) = self.stack.last_mut() {
            std::mem::replace(t, v).discard();
        }
    }

    /// Pop the top `n` values, in stack order.
    fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let at = self.stack.len().saturating_sub(n);
        self.stack.split_off(at)
    }

    #[inline(always)]
    pub(super) fn name_at(&self, idx: u32) -> Rc<PyStr> {
        match self.frame.code.names.get(idx as usize) {
            Some(Value::Str(s)) => s.clone(),
            _ => Rc::new(PyStr::new(String::from("?"))),
        }
    }

    #[inline(always)]
    fn name_value(&self, idx: u32) -> Value {
        self.frame.code.names.get(idx as usize).cloned().unwrap_or_else(|| Value::None)
    }

    fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        match plain_truth(v) {
            Some(truth) => Ok(truth),
            None => ops::truthy(self, v),
        }
    }

    /// The cell in deref slot `idx` (cellvars, then freevars).
    fn cell_at(&self, idx: u32) -> Option<Rc<PyCell>> {
        let slot = self.frame.base + self.frame.code.cell_base() + idx as usize;
        match self.stack.get(slot) {
            Some(Value::Cell(c)) => Some(c.clone()),
            _ => None,
        }
    }

    fn deref_name(&self, idx: u32) -> (Rc<str>, bool) {
        let code = &self.frame.code;
        let i = idx as usize;
        if i < code.cellvars.len() {
            (code.cellvars[i].clone(), true)
        } else {
            (code.freevars.get(i - code.cellvars.len()).cloned().unwrap_or_else(|| Rc::from("?")), false)
        }
    }

    fn jump_to(&mut self, target: u32) {
        self.frame.pc = target as usize;
    }

    /// A jump that may go backwards (closing a loop): polls for Ctrl-C first.
    #[inline(always)]
    fn loop_jump_to(&mut self, target: u32) -> PyResult<()> {
        if (target as usize) < self.frame.pc {
            crate::signals::check()?;
            if crate::objects::generator::close_pending() {
                crate::objects::generator::run_pending_closes(self);
            }
        }
        self.frame.pc = target as usize;
        Ok(())
    }
}

/// The truth of a bool, an int or None, known without a call; `None` for any other value
/// (`ops::truthy` decides those, maybe calling `__bool__` or `__len__`).
#[inline(always)]
pub(super) fn plain_truth(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(b.get()),
        Value::Int(i) => Some(*i != 0),
        Value::None => Some(false),
        _ => None,
    }
}

// ---- stack manipulation -------------------------------------------------------------------

#[inline(always)]
pub(super) fn nop(_vm: &mut Vm, _arg: u32) -> Step {
    NEXT
}

#[inline(always)]
pub(super) fn extended_arg(vm: &mut Vm, arg: u32) -> Step {
    let pc = vm.frame.pc;
    let word = match vm.frame.code.words.get(pc) {
        Some(w) => w,
        None => return Err(PyErr::runtime_error("internal error: dangling EXTENDED_ARG")),
    };
    vm.frame.pc = pc + 1;
    let (opcode, low) = opcodes::decode(word);
    super::dispatch::execute_one(vm, opcode, (arg << opcodes::ARG_BITS) | low)
}

#[inline(always)]
pub(super) fn pop_top(vm: &mut Vm, _arg: u32) -> Step {
    if let Some(v) = vm.stack.pop() {
        v.discard();
    }
    NEXT
}

#[inline(always)]
pub(super) fn copy(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.peek(arg as usize).clone();
    vm.push(v);
    NEXT
}

#[inline(always)]
pub(super) fn swap(vm: &mut Vm, arg: u32) -> Step {
    let len = vm.stack.len();
    let n = arg as usize;
    if n >= 1 && n <= len {
        vm.stack.swap(len - 1, len - n);
    }
    NEXT
}

#[inline(always)]
pub(super) fn load_const(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.frame.code.consts.get(arg as usize).cloned().unwrap_or_else(|| Value::None);
    vm.push(v);
    NEXT
}

// ---- locals, cells, globals, names -------------------------------------------------------

#[inline(always)]
pub(super) fn load_fast(vm: &mut Vm, arg: u32) -> Step {
    let slot = vm.frame.base + arg as usize;
    match vm.stack.get(slot) {
        Some(Value::Null) | None => Err(unbound_local(vm, arg)),
        Some(v) => {
            let v = v.clone();
            vm.push(v);
            NEXT
        }
    }
}

#[cold]
fn unbound_local(vm: &Vm, arg: u32) -> PyErr {
    let name = vm.frame.code.varnames.get(arg as usize).cloned().unwrap_or_else(|| Rc::from("?"));
    PyErr::new(
        TypeId::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

#[inline(always)]
pub(super) fn store_fast(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.pop();
    let slot = vm.frame.base + arg as usize;
    if let Some(s) = vm.stack.get_mut(slot) {
        std::mem::replace(s, v).discard();
    }
    NEXT
}

#[inline(always)]
pub(super) fn delete_fast(vm: &mut Vm, arg: u32) -> Step {
    let slot = vm.frame.base + arg as usize;
    match vm.stack.get_mut(slot) {
        Some(s) if !matches!(s, Value::Null) => {
            *s = Value::Null;
            NEXT
        }
        _ => Err(unbound_local(vm, arg)),
    }
}

#[inline(always)]
pub(super) fn load_deref(vm: &mut Vm, arg: u32) -> Step {
    let value = vm.cell_at(arg).map(|c| c.value.borrow().clone());
    match value {
        Some(v) if !matches!(v, Value::Null) => {
            vm.push(v);
            NEXT
        }
        _ => Err(unbound_deref(vm, arg)),
    }
}

#[cold]
fn unbound_deref(vm: &Vm, arg: u32) -> PyErr {
    let (name, is_cell) = vm.deref_name(arg);
    if is_cell {
        PyErr::new(
            TypeId::UnboundLocalError,
            format!("cannot access local variable '{name}' where it is not associated with a value"),
        )
    } else {
        PyErr::name_error(format!(
            "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
        ))
    }
}

#[inline(always)]
pub(super) fn store_deref(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.pop();
    if let Some(c) = vm.cell_at(arg) {
        *c.value.borrow_mut() = v;
    }
    NEXT
}

#[inline(always)]
pub(super) fn delete_deref(vm: &mut Vm, arg: u32) -> Step {
    match vm.cell_at(arg) {
        Some(c) if !matches!(*c.value.borrow(), Value::Null) => {
            *c.value.borrow_mut() = Value::Null;
            NEXT
        }
        _ => Err(unbound_deref(vm, arg)),
    }
}

#[inline(always)]
pub(super) fn load_closure(vm: &mut Vm, arg: u32) -> Step {
    let slot = vm.frame.base + vm.frame.code.cell_base() + arg as usize;
    let cell = vm.stack.get(slot).cloned().unwrap_or_else(|| Value::Null);
    vm.push(cell);
    NEXT
}

#[cold]
fn name_not_defined(name: &str) -> PyErr {
    PyErr::name_error(format!("name '{name}' is not defined"))
}

/// LOAD_GLOBAL's hit path: the value at the position the name's cache slot remembers, when the
/// frame's globals (and, for a builtin, builtins) still have the keys versions it recorded.
/// Versions are unique across dicts, so a match also means the same dicts.
#[inline(always)]
pub(super) fn cached_global(vm: &Vm, arg: u32) -> Option<Value> {
    let slot = vm.frame.code.global_cache.get(arg as usize)?;
    if slot.globals_version.get() != vm.frame.globals.keys_version() {
        return None;
    }
    let position = slot.position.get() as usize;
    let builtins_version = slot.builtins_version.get();
    if builtins_version == 0 {
        return vm.frame.globals.value_at(position);
    }
    if builtins_version != vm.builtins.keys_version() {
        return None;
    }
    vm.builtins.value_at(position)
}

/// Look a global up: the frame's globals, then builtins; remember where it was found in the
/// name's cache slot.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
fn lookup_global(vm: &mut Vm, arg: u32) -> PyResult<Value> {
    let Some(key) = vm.frame.code.names.get(arg as usize) else {
        return Err(PyErr::runtime_error("internal error: bad name index"));
    };
    let globals_version = vm.frame.globals.keys_version();
    let (position, value, builtins_version) = match vm.frame.globals.find_position(key)? {
        Some((position, value)) => (position, value, 0),
        None => {
            let builtins_version = vm.builtins.keys_version();
            match vm.builtins.find_position(key)? {
                Some((position, value)) => (position, value, builtins_version),
                None => return Err(name_not_defined(vm.name_at(arg).as_str())),
            }
        }
    };
    // Fill only if no lookup ran Python code that changed the dicts' keys meanwhile.
    let unchanged = globals_version == vm.frame.globals.keys_version()
        && (builtins_version == 0 || builtins_version == vm.builtins.keys_version());
    if let (Some(slot), Ok(position), true) = (vm.frame.code.global_cache.get(arg as usize), u32::try_from(position), unchanged) {
        slot.globals_version.set(globals_version);
        slot.builtins_version.set(builtins_version);
        slot.position.set(position);
    }
    Ok(value)
}

#[inline(always)]
pub(super) fn load_global(vm: &mut Vm, arg: u32) -> Step {
    let v = match cached_global(vm, arg) {
        Some(v) => v,
        None => load_global_miss(vm, arg)?,
    };
    vm.push(v);
    NEXT
}

/// LOAD_GLOBAL's cache did not apply: count the miss for `--stats`, then look the name up.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
fn load_global_miss(vm: &mut Vm, arg: u32) -> PyResult<Value> {
    super::stats::cache_miss(vm, super::stats::CacheKind::LoadGlobal);
    lookup_global(vm, arg)
}

#[inline(always)]
pub(super) fn store_global(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.pop();
    let key = vm.name_value(arg);
    vm.frame.globals.set(key, v)?;
    NEXT
}

#[inline(always)]
pub(super) fn delete_global(vm: &mut Vm, arg: u32) -> Step {
    let key = vm.name_value(arg);
    match vm.frame.globals.remove(&key)? {
        Some(_) => NEXT,
        None => Err(name_not_defined(vm.name_at(arg).as_str())),
    }
}

#[inline(always)]
pub(super) fn load_name(vm: &mut Vm, arg: u32) -> Step {
    if let Some(locals) = vm.frame.locals.clone() {
        if !Rc::ptr_eq(&locals, &vm.frame.globals) {
            let key = vm.name_value(arg);
            if let Some(v) = locals.get(&key)? {
                vm.push(v);
                return NEXT;
            }
        }
    }
    // The LOAD_GLOBAL cache slots serve LOAD_NAME too; its misses are not counted for --stats.
    let v = match cached_global(vm, arg) {
        Some(v) => v,
        None => lookup_global(vm, arg)?,
    };
    vm.push(v);
    NEXT
}

fn namespace(vm: &Vm) -> Rc<PyDict> {
    vm.frame.locals.clone().unwrap_or_else(|| vm.frame.globals.clone())
}

#[inline(always)]
pub(super) fn store_name(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.pop();
    let key = vm.name_value(arg);
    namespace(vm).set(key, v)?;
    NEXT
}

#[inline(always)]
pub(super) fn delete_name(vm: &mut Vm, arg: u32) -> Step {
    let key = vm.name_value(arg);
    match namespace(vm).remove(&key)? {
        Some(_) => NEXT,
        None => Err(name_not_defined(vm.name_at(arg).as_str())),
    }
}

// ---- attributes ---------------------------------------------------------------------------

#[inline(always)]
pub(super) fn load_attr(vm: &mut Vm, arg: u32) -> Step {
    let site = attr_cache::take_cache_site(vm);
    if let Some(top) = vm.stack.last_mut() {
        if let Some(v) = attr_cache::cached_attr::<attr_cache::AsAttribute>(&vm.frame.code, site, arg, top) {
            std::mem::replace(top, v).discard();
            return NEXT;
        }
    }
    let obj = vm.pop();
    let v = attr_cache::load_attr_miss(vm, &obj, arg, site)?;
    vm.push(v);
    NEXT
}

#[inline(always)]
pub(super) fn store_attr(vm: &mut Vm, arg: u32) -> Step {
    let site = attr_cache::take_cache_site(vm);
    let obj = vm.pop();
    let value = vm.pop();
    match attr_cache::cached_store_attr(&vm.frame.code, site, arg, &obj, value) {
        Ok(done) => done?,
        Err(value) => attr_cache::store_attr_miss(vm, &obj, arg, site, value)?,
    }
    NEXT
}

#[inline(always)]
pub(super) fn delete_attr(vm: &mut Vm, arg: u32) -> Step {
    let obj = vm.pop();
    let name = vm.name_at(arg);
    ops::delattr(vm, &obj, name.as_str())?;
    NEXT
}

#[inline(always)]
pub(super) fn load_method(vm: &mut Vm, arg: u32) -> Step {
    let site = attr_cache::take_cache_site(vm);
    let obj = vm.pop();
    let (callable, with_self) = match attr_cache::cached_attr::<attr_cache::AsMethodPair>(&vm.frame.code, site, arg, &obj) {
        Some(found) => found,
        None => attr_cache::load_method_miss(vm, &obj, arg, site)?,
    };
    vm.push(callable);
    vm.push(if with_self { obj } else { Value::Null });
    NEXT
}

// ---- operators ----------------------------------------------------------------------------

/// Inline fast paths of `BINARY_OP` for int and float operands; `None` sends the op to
/// `ops::binary_op`. `+`, `-` and `*` have their own opcodes ("Adaptive arithmetic" below).
#[inline(always)]
pub(super) fn binary_fast(op: BinaryOp, a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let (x, y) = (*x, *y);
            match op {
                BinaryOp::And => Some(Value::Int(x & y)),
                BinaryOp::Or => Some(Value::Int(x | y)),
                BinaryOp::Xor => Some(Value::Int(x ^ y)),
                BinaryOp::FloorDiv if y > 0 && x >= 0 => Some(Value::Int(x / y)),
                BinaryOp::Mod if y > 0 && x >= 0 => Some(Value::Int(x % y)),
                _ => None,
            }
        }
        (Value::Float(x), Value::Float(y)) => match op {
            BinaryOp::TrueDiv if y.get() != 0.0 => Some(Value::float(x.get() / y.get())),
            _ => None,
        },
        _ => None,
    }
}

#[inline(always)]
pub(super) fn binary_op(vm: &mut Vm, arg: u32) -> Step {
    let Some((op, _)) = BinaryOp::from_arg(arg) else {
        return Err(PyErr::runtime_error("internal error: bad binary operator"));
    };
    let b = vm.pop();
    if let Some(r) = binary_fast(op, vm.top(), &b) {
        vm.set_top(r);
        b.discard();
        return NEXT;
    }
    binary_general(vm, arg, b)
}

/// Any binary operator on any operands (`ops::binary_op`: bigints, sequences, dunders...):
/// `b` was popped, the left operand is on top of the stack and is replaced by the result.
fn binary_general(vm: &mut Vm, arg: u32, b: Value) -> Step {
    let Some((op, inplace)) = BinaryOp::from_arg(arg) else {
        return Err(PyErr::runtime_error("internal error: bad binary operator"));
    };
    let a = vm.pop();
    if let Some((method, resume)) = crate::objects::dunder::first_python_method(op, inplace, &a, &b) {
        vm.enter_binary_method(&method, a, b, OnReturn::BinaryOp { op, inplace, resume })?;
        return NEXT;
    }
    let r = ops::binary_op(vm, op, inplace, &a, &b)?;
    vm.push(r);
    NEXT
}

// ---- Adaptive arithmetic -------------------------------------------------------------------
//
// `BINARY_ADD`, `BINARY_SUB` and `BINARY_MUL` have the operator in the opcode, so int and float
// operands need no jump on the operator. They are adaptive (the idea of CPython 3.11's PEP
// 659): on two ints, or two floats, the instruction rewrites its own opcode byte into the form
// specialized for them (`BINARY_ADD_INT`, `BINARY_ADD_FLOAT`, ...), whose only test is that
// its guard still holds. A specialized form whose guard fails (other operand types, an i64
// overflow) rewrites the site back to the adaptive form, which computes the result (mixed int
// and float operands inline, everything else on the general path `ops::binary_op`) and
// specializes again for what it met. A rewrite is one store into the code word, so a site
// whose types alternate costs two stores per execution and never more: no backoff is needed.
// Under PGO a specialized form's path is laid out for its own type, not for the type the
// training programs used most.

/// One arithmetic operator: its adaptive and specialized opcodes and its int and float
/// operations.
pub(super) trait Arith {
    const ADAPTIVE: Op;
    const INT_FORM: Op;
    const FLOAT_FORM: Op;
    /// `None` on i64 overflow (the general path then gives a bigint).
    fn int(x: i64, y: i64) -> Option<i64>;
    fn float(x: f64, y: f64) -> f64;
}

pub(super) struct Add;
pub(super) struct Sub;
pub(super) struct Mul;

impl Arith for Add {
    const ADAPTIVE: Op = Op::BinaryAdd;
    const INT_FORM: Op = Op::BinaryAddInt;
    const FLOAT_FORM: Op = Op::BinaryAddFloat;
    fn int(x: i64, y: i64) -> Option<i64> {
        x.checked_add(y)
    }
    fn float(x: f64, y: f64) -> f64 {
        x + y
    }
}

impl Arith for Sub {
    const ADAPTIVE: Op = Op::BinarySub;
    const INT_FORM: Op = Op::BinarySubInt;
    const FLOAT_FORM: Op = Op::BinarySubFloat;
    fn int(x: i64, y: i64) -> Option<i64> {
        x.checked_sub(y)
    }
    fn float(x: f64, y: f64) -> f64 {
        x - y
    }
}

impl Arith for Mul {
    const ADAPTIVE: Op = Op::BinaryMul;
    const INT_FORM: Op = Op::BinaryMulInt;
    const FLOAT_FORM: Op = Op::BinaryMulFloat;
    fn int(x: i64, y: i64) -> Option<i64> {
        x.checked_mul(y)
    }
    fn float(x: f64, y: f64) -> f64 {
        x * y
    }
}

/// Rewrite the running instruction's opcode (the word before `pc`: an `EXTENDED_ARG` prefix,
/// if any, comes before it and is left alone).
#[inline(always)]
fn rewrite_running_instruction(vm: &Vm, op: Op) {
    vm.frame.code.words.set_opcode(vm.frame.pc.wrapping_sub(1), op);
}

/// The adaptive form's execution (`BINARY_ADD`, ...): a miss in `--stats`.
#[inline(always)]
fn arith_adaptive_entry<A: Arith>(vm: &mut Vm, arg: u32) -> Step {
    super::stats::cache_miss(vm, super::stats::CacheKind::BinaryArith);
    let b = vm.pop();
    arith_adaptive::<A>(vm, arg, b)
}

/// The adaptive form: `b` was popped, the left operand is on top of the stack.
#[inline(always)]
fn arith_adaptive<A: Arith>(vm: &mut Vm, arg: u32, b: Value) -> Step {
    let fast = match (vm.top(), &b) {
        (Value::Int(x), Value::Int(y)) => A::int(*x, *y).map(|r| {
            rewrite_running_instruction(vm, A::INT_FORM);
            Value::Int(r)
        }),
        (Value::Float(x), Value::Float(y)) => {
            rewrite_running_instruction(vm, A::FLOAT_FORM);
            Some(Value::float(A::float(x.get(), y.get())))
        }
        (Value::Float(x), Value::Int(y)) => Some(Value::float(A::float(x.get(), *y as f64))),
        (Value::Int(x), Value::Float(y)) => Some(Value::float(A::float(*x as f64, y.get()))),
        _ => None,
    };
    if let Some(r) = fast {
        vm.set_top(r);
        b.discard();
        return NEXT;
    }
    binary_general(vm, arg, b)
}

/// A specialized form's guard failed: back to the adaptive form, which computes the result.
#[inline(never)]
fn arith_deopt<A: Arith>(vm: &mut Vm, arg: u32, b: Value) -> Step {
    super::stats::cache_deopt(vm, super::stats::CacheKind::BinaryArith);
    rewrite_running_instruction(vm, A::ADAPTIVE);
    arith_adaptive::<A>(vm, arg, b)
}

#[inline(always)]
fn arith_int<A: Arith>(vm: &mut Vm, arg: u32) -> Step {
    let b = vm.pop();
    if let (Value::Int(x), Value::Int(y)) = (vm.top(), &b) {
        if let Some(r) = A::int(*x, *y) {
            vm.set_top(Value::Int(r));
            b.discard();
            return NEXT;
        }
    }
    arith_deopt::<A>(vm, arg, b)
}

#[inline(always)]
fn arith_float<A: Arith>(vm: &mut Vm, arg: u32) -> Step {
    let b = vm.pop();
    if let (Value::Float(x), Value::Float(y)) = (vm.top(), &b) {
        let r = A::float(x.get(), y.get());
        vm.set_top(Value::float(r));
        b.discard();
        return NEXT;
    }
    arith_deopt::<A>(vm, arg, b)
}

#[inline(always)]
pub(super) fn binary_add(vm: &mut Vm, arg: u32) -> Step {
    arith_adaptive_entry::<Add>(vm, arg)
}

#[inline(always)]
pub(super) fn binary_sub(vm: &mut Vm, arg: u32) -> Step {
    arith_adaptive_entry::<Sub>(vm, arg)
}

#[inline(always)]
pub(super) fn binary_mul(vm: &mut Vm, arg: u32) -> Step {
    arith_adaptive_entry::<Mul>(vm, arg)
}

#[inline(always)]
pub(super) fn binary_add_int(vm: &mut Vm, arg: u32) -> Step {
    arith_int::<Add>(vm, arg)
}

#[inline(always)]
pub(super) fn binary_add_float(vm: &mut Vm, arg: u32) -> Step {
    arith_float::<Add>(vm, arg)
}

#[inline(always)]
pub(super) fn binary_sub_int(vm: &mut Vm, arg: u32) -> Step {
    arith_int::<Sub>(vm, arg)
}

#[inline(always)]
pub(super) fn binary_sub_float(vm: &mut Vm, arg: u32) -> Step {
    arith_float::<Sub>(vm, arg)
}

#[inline(always)]
pub(super) fn binary_mul_int(vm: &mut Vm, arg: u32) -> Step {
    arith_int::<Mul>(vm, arg)
}

#[inline(always)]
pub(super) fn binary_mul_float(vm: &mut Vm, arg: u32) -> Step {
    arith_float::<Mul>(vm, arg)
}

#[inline(always)]
pub(super) fn unary_negative(vm: &mut Vm, _arg: u32) -> Step {
    let v = vm.pop();
    let r = match v {
        Value::Int(i) if i != i64::MIN => Value::Int(-i),
        Value::Float(f) => Value::float(-f.get()),
        _ => ops::negative(vm, &v)?,
    };
    vm.push(r);
    NEXT
}

#[inline(always)]
pub(super) fn unary_positive(vm: &mut Vm, _arg: u32) -> Step {
    let v = vm.pop();
    let r = ops::positive(vm, &v)?;
    vm.push(r);
    NEXT
}

#[inline(always)]
pub(super) fn unary_not(vm: &mut Vm, _arg: u32) -> Step {
    let v = vm.pop();
    let t = vm.truthy(&v)?;
    vm.push(Value::bool(!t));
    NEXT
}

#[inline(always)]
pub(super) fn unary_invert(vm: &mut Vm, _arg: u32) -> Step {
    let v = vm.pop();
    let r = ops::invert(vm, &v)?;
    vm.push(r);
    NEXT
}

#[inline(always)]
pub(super) fn compare_fast(op: CompareOp, a: &Value, b: &Value) -> Option<bool> {
    let outcome = match (a, b) {
        (Value::Int(x), Value::Int(y)) => outcome_bit(x, y),
        (Value::Float(x), Value::Float(y)) => outcome_bit(&x.get(), &y.get()),
        _ => return None,
    };
    Some(op.outcome_mask() & outcome != 0)
}

/// The outcome of comparing two numbers as one bit of `CompareOp::outcome_mask`, without a
/// branch: less 1 << 1, greater 1 << 2, equal 1 << 3, unordered (a NaN) 1 << 0.
#[inline(always)]
fn outcome_bit<T: PartialOrd>(x: &T, y: &T) -> u8 {
    1 << (2 * u8::from(x >= y) + u8::from(x <= y))
}

#[inline(always)]
pub(super) fn compare_op(vm: &mut Vm, arg: u32) -> Step {
    let Some(op) = CompareOp::from_arg(arg) else {
        return Err(PyErr::runtime_error("internal error: bad comparison operator"));
    };
    let b = vm.pop();
    if let Some(r) = compare_fast(op, vm.top(), &b) {
        b.discard();
        return compare_then_branch(vm, r);
    }
    let a = vm.pop();
    let r = ops::compare(vm, op, &a, &b)?;
    vm.push(r);
    NEXT
}

/// The end of an int/float comparison whose left operand is still on top of the stack. When
/// the next word is POP_JUMP_IF_FALSE/TRUE (the condition of nearly every `while` and `if` on a
/// comparison), branch on `result` here and step over that word: the bool is never written to
/// the stack only to be read back at once, a store-then-load pair that stalled the core when
/// it was written in pieces, and one dispatch is saved. The jump word stays in place for jumps
/// that land on it. Otherwise push the bool.
#[inline(always)]
fn compare_then_branch(vm: &mut Vm, result: bool) -> Step {
    if let Some(left) = vm.stack.pop() {
        left.discard();
    }
    let pc = vm.frame.pc;
    if let Some(word) = vm.frame.code.words.get(pc) {
        let (opcode, target) = opcodes::decode(word);
        let jump_if = if opcode == Op::PopJumpIfFalse as u8 {
            Some(false)
        } else if opcode == Op::PopJumpIfTrue as u8 {
            Some(true)
        } else {
            None
        };
        if let Some(jump_if) = jump_if {
            vm.frame.pc = pc + 1;
            if result == jump_if {
                vm.loop_jump_to(target)?;
            }
            return NEXT;
        }
    }
    vm.push(Value::bool(result));
    NEXT
}

#[inline(always)]
pub(super) fn is_op(vm: &mut Vm, arg: u32) -> Step {
    let b = vm.pop();
    let a = vm.pop();
    vm.push(Value::bool(a.is(&b) != (arg == 1)));
    NEXT
}

#[inline(always)]
pub(super) fn contains_op(vm: &mut Vm, arg: u32) -> Step {
    let container = vm.pop();
    let item = vm.pop();
    let found = ops::contains(vm, &container, &item)?;
    vm.push(Value::bool(found != (arg == 1)));
    // Not implicit drops: those are out-of-line calls even for an int item.
    container.discard();
    item.discard();
    NEXT
}

// ---- subscripts ---------------------------------------------------------------------------

#[inline(always)]
pub(super) fn binary_subscr(vm: &mut Vm, _arg: u32) -> Step {
    let key = vm.pop();
    let obj = vm.pop();
    if let Some(v) = sequence_item(&obj, &key) {
        vm.push(v);
        drop_sequence(obj);
        key.discard();
        return NEXT;
    }
    let v = ops::getitem(vm, &obj, &key)?;
    vm.push(v);
    NEXT
}

/// The position of int index `i` in a sequence of `len` items, negative ones counting from
/// the end; `None` out of range.
#[inline(always)]
fn sequence_index(len: usize, i: i64) -> Option<usize> {
    let len = len as i64;
    let idx = if i < 0 { i + len } else { i };
    if idx >= 0 && idx < len {
        Some(idx as usize)
    } else {
        None
    }
}

/// `items[i]` for an int index (`sequence_index`); `None` out of range.
#[inline(always)]
fn item_at(items: &[Value], i: i64) -> Option<Value> {
    match sequence_index(items.len(), i) {
        Some(idx) => Some(items[idx].clone()),
        None => None,
    }
}

/// BINARY_SUBSCR's fast paths: the item of a list or tuple at an int index in range.
#[inline(always)]
pub(super) fn sequence_item(obj: &Value, key: &Value) -> Option<Value> {
    match (obj, key) {
        (Value::List(l), Value::Int(i)) => item_at(&l.items.borrow(), *i),
        (Value::Tuple(t), Value::Int(i)) => item_at(&t.items, *i),
        _ => None,
    }
}

/// Drop `v`, known to be a list or a tuple on the caller's path: its count is decremented
/// inline instead of through the drop glue's out-of-line call for any variant.
#[inline(always)]
pub(super) fn drop_sequence(v: Value) {
    match v {
        Value::List(l) => drop(l),
        Value::Tuple(t) => drop(t),
        other => other.discard(),
    }
}

#[inline(always)]
pub(super) fn store_subscr(vm: &mut Vm, _arg: u32) -> Step {
    let key = vm.pop();
    let obj = vm.pop();
    let value = vm.pop();
    if let (Value::List(l), Value::Int(i)) = (&obj, &key) {
        let mut items = l.items.borrow_mut();
        if let Some(idx) = sequence_index(items.len(), *i) {
            let old = std::mem::replace(&mut items[idx], value);
            drop(items);
            old.discard();
            drop_sequence(obj);
            return NEXT;
        }
    }
    ops::setitem(vm, &obj, &key, value)?;
    NEXT
}

#[inline(always)]
pub(super) fn delete_subscr(vm: &mut Vm, _arg: u32) -> Step {
    let key = vm.pop();
    let obj = vm.pop();
    ops::delitem(vm, &obj, &key)?;
    NEXT
}

#[inline(always)]
pub(super) fn build_slice(vm: &mut Vm, arg: u32) -> Step {
    let step = if arg == 3 { vm.pop() } else { Value::None };
    let stop = vm.pop();
    let start = vm.pop();
    vm.push(Value::Slice(Rc::new(PySlice { start, stop, step })));
    NEXT
}

// ---- building containers ------------------------------------------------------------------

#[inline(always)]
pub(super) fn build_tuple(vm: &mut Vm, arg: u32) -> Step {
    let items = vm.pop_n(arg as usize);
    vm.push(Value::tuple(items));
    NEXT
}

#[inline(always)]
pub(super) fn build_list(vm: &mut Vm, arg: u32) -> Step {
    let items = vm.pop_n(arg as usize);
    vm.push(Value::list(items));
    NEXT
}

#[inline(always)]
pub(super) fn build_set(vm: &mut Vm, arg: u32) -> Step {
    let items = vm.pop_n(arg as usize);
    let set = PySet::from_values(items)?;
    vm.push(Value::set(set));
    NEXT
}

#[inline(always)]
pub(super) fn build_map(vm: &mut Vm, arg: u32) -> Step {
    let items = vm.pop_n(2 * arg as usize);
    let dict = PyDict::with_capacity(arg as usize);
    let mut it = items.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        dict.set(k, v)?;
    }
    vm.push(Value::dict(dict));
    NEXT
}

#[inline(always)]
pub(super) fn build_string(vm: &mut Vm, arg: u32) -> Step {
    let parts = vm.pop_n(arg as usize);
    let mut out = String::new();
    for p in &parts {
        if let Value::Str(s) = p {
            out.push_str(s.as_str());
        }
    }
    vm.push(Value::string(out));
    NEXT
}

#[inline(always)]
pub(super) fn format_value(vm: &mut Vm, arg: u32) -> Step {
    let spec = if arg & 4 != 0 { Some(vm.pop()) } else { None };
    let value = vm.pop();
    let converted = match arg & 3 {
        1 => Value::string(ops::to_str(vm, &value)?),
        2 => Value::string(ops::repr(vm, &value)?),
        3 => Value::string(ops::ascii(vm, &value)?),
        _ => value,
    };
    let spec_str = match &spec {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => String::new(),
    };
    let out = match (&converted, spec_str.is_empty()) {
        (Value::Str(_), true) => converted,
        _ => Value::string(crate::objects::format::format_value(vm, &converted, &spec_str)?),
    };
    vm.push(out);
    NEXT
}

/// The container `arg` places below TOS after popping the operand(s).
fn container_at(vm: &Vm, arg: u32) -> Value {
    vm.peek(arg as usize).clone()
}

#[inline(always)]
pub(super) fn list_append(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.pop();
    if let Value::List(l) = container_at(vm, arg) {
        let mut items = l.items.borrow_mut();
        if items.try_reserve(1).is_err() {
            return Err(PyErr::memory_error());
        }
        items.push(v);
    }
    NEXT
}

#[inline(always)]
pub(super) fn set_add(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.pop();
    if let Value::Set(set) = container_at(vm, arg) {
        set.add(v)?;
    }
    NEXT
}

#[inline(always)]
pub(super) fn map_add(vm: &mut Vm, arg: u32) -> Step {
    let value = vm.pop();
    let key = vm.pop();
    if let Value::Dict(d) = container_at(vm, arg) {
        d.set(key, value)?;
    }
    NEXT
}

#[inline(always)]
pub(super) fn list_extend(vm: &mut Vm, arg: u32) -> Step {
    let iterable = vm.pop();
    let items = ops::collect(vm, &iterable)?;
    if let Value::List(l) = container_at(vm, arg) {
        l.items.borrow_mut().extend(items);
    }
    NEXT
}

#[inline(always)]
pub(super) fn set_update(vm: &mut Vm, arg: u32) -> Step {
    let iterable = vm.pop();
    if let Value::Set(set) = container_at(vm, arg) {
        match &iterable {
            Value::Set(other) | Value::FrozenSet(other) => set.update_from_set(other)?,
            _ => set.update_from_iterable(vm, &iterable)?,
        }
    }
    NEXT
}

/// The items of a mapping for `{**m}` (`callee` `None`) or for a call's `**m` (`callee` the
/// called object, named in the error as CPython names it).
#[inline(always)]
fn mapping_items(mapping: &Value, callee: Option<&Value>) -> PyResult<Vec<(Value, Value)>> {
    match mapping {
        Value::Dict(d) => Ok(d.items()),
        _ => Err(not_a_mapping(mapping, callee)),
    }
}

/// `mapping_items`' error (cold: kept out of the dispatch loop, see vm/dispatch.rs).
#[cold]
#[inline(never)]
fn not_a_mapping(mapping: &Value, callee: Option<&Value>) -> PyErr {
    let type_name = mapping.type_id().name();
    PyErr::type_error(match callee {
        Some(callee) => {
            format!("{} argument after ** must be a mapping, not {type_name}", super::call::function_description(callee))
        }
        None => format!("'{type_name}' object is not a mapping"),
    })
}

/// A call's `**` operand repeats a keyword (cold, like `not_a_mapping`).
#[cold]
#[inline(never)]
fn repeated_keyword(callee: &Value, key: &Value) -> PyErr {
    let name = match key {
        Value::Str(s) => s.as_str(),
        _ => "",
    };
    PyErr::type_error(format!("{} got multiple values for keyword argument '{name}'", super::call::function_description(callee)))
}

#[inline(always)]
pub(super) fn dict_update(vm: &mut Vm, arg: u32) -> Step {
    let mapping = vm.pop();
    let items = mapping_items(&mapping, None)?;
    if let Value::Dict(d) = container_at(vm, arg) {
        for (k, v) in items {
            d.set(k, v)?;
        }
    }
    NEXT
}

#[inline(always)]
pub(super) fn dict_merge(vm: &mut Vm, arg: u32) -> Step {
    let mapping = vm.pop();
    // DICT_MERGE builds the keywords of a call: `(callable, args tuple, dict)`.
    let callee_depth = arg as usize + 2;
    let items = mapping_items(&mapping, Some(vm.peek(callee_depth)))?;
    if let Value::Dict(d) = container_at(vm, arg) {
        for (k, v) in items {
            if !matches!(k, Value::Str(_)) {
                return Err(PyErr::type_error("keywords must be strings"));
            }
            if d.get(&k)?.is_some() {
                return Err(repeated_keyword(vm.peek(callee_depth), &k));
            }
            d.set(k, v)?;
        }
    }
    NEXT
}

#[inline(always)]
pub(super) fn list_to_tuple(vm: &mut Vm, _arg: u32) -> Step {
    let v = vm.pop();
    let t = match &v {
        Value::List(l) => Value::tuple(l.items.borrow().clone()),
        _ => v,
    };
    vm.push(t);
    NEXT
}

/// The items of an unpacking assignment's source; a non-iterable gets the unpacking message.
fn unpackable_items(vm: &mut Vm, seq: &Value) -> PyResult<Vec<Value>> {
    if let Value::List(_) | Value::Tuple(_) = seq {
        return ops::collect(vm, seq);
    }
    let it = match ops::get_iter(vm, seq) {
        Ok(it) => it,
        Err(e) if e.matches(TypeId::TypeError) => {
            return Err(PyErr::type_error(format!("cannot unpack non-iterable {} object", seq.type_id().name())))
        }
        Err(e) => return Err(e),
    };
    ops::collect(vm, &it)
}

#[inline(always)]
pub(super) fn unpack_sequence(vm: &mut Vm, arg: u32) -> Step {
    let seq = vm.pop();
    let n = arg as usize;
    if let Value::Tuple(t) = &seq {
        if t.items.len() == n {
            vm.stack.extend(t.items.iter().rev().cloned());
            return NEXT;
        }
    }
    let items = unpackable_items(vm, &seq)?;
    if items.len() < n {
        return Err(PyErr::value_error(format!(
            "not enough values to unpack (expected {n}, got {})",
            items.len()
        )));
    }
    if items.len() > n {
        return Err(PyErr::value_error(format!("too many values to unpack (expected {n})")));
    }
    vm.stack.extend(items.into_iter().rev());
    NEXT
}

#[inline(always)]
pub(super) fn unpack_ex(vm: &mut Vm, arg: u32) -> Step {
    let before = (arg & 0xff) as usize;
    let after = (arg >> 8) as usize;
    let seq = vm.pop();
    let mut items = unpackable_items(vm, &seq)?;
    if items.len() < before + after {
        return Err(PyErr::value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let tail = items.split_off(items.len() - after);
    let middle = items.split_off(before);
    for v in tail.into_iter().rev() {
        vm.push(v);
    }
    vm.push(Value::list(middle));
    for v in items.into_iter().rev() {
        vm.push(v);
    }
    NEXT
}

// ---- control flow -------------------------------------------------------------------------

#[inline(always)]
pub(super) fn jump(vm: &mut Vm, arg: u32) -> Step {
    vm.loop_jump_to(arg)?;
    NEXT
}

#[inline(always)]
pub(super) fn pop_jump_if_false(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.pop();
    let jump = !vm.truthy(&v)?;
    v.discard();
    if jump {
        vm.loop_jump_to(arg)?;
    }
    NEXT
}

#[inline(always)]
pub(super) fn pop_jump_if_true(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.pop();
    let jump = vm.truthy(&v)?;
    v.discard();
    if jump {
        vm.loop_jump_to(arg)?;
    }
    NEXT
}

#[inline(always)]
pub(super) fn jump_if_false_or_pop(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.top().clone();
    if vm.truthy(&v)? {
        vm.pop();
    } else {
        vm.jump_to(arg);
    }
    NEXT
}

#[inline(always)]
pub(super) fn jump_if_true_or_pop(vm: &mut Vm, arg: u32) -> Step {
    let v = vm.top().clone();
    if vm.truthy(&v)? {
        vm.jump_to(arg);
    } else {
        vm.pop();
    }
    NEXT
}

#[inline(always)]
pub(super) fn get_iter(vm: &mut Vm, _arg: u32) -> Step {
    let v = vm.pop();
    let it = ops::get_iter(vm, &v)?;
    vm.push(it);
    NEXT
}

/// FOR_ITER's fast paths, for the iterators loops use most: the next item of a list, tuple
/// or range iterator (`Some(None)` when it is exhausted); `None` for any other iterator.
#[inline(always)]
pub(super) fn next_of_sequence(iterator: &Value) -> Option<Option<Value>> {
    let Value::Iter(it) = iterator else {
        return None;
    };
    crate::objects::iter::step_sequence(&mut it.state.borrow_mut())
}

#[inline(always)]
pub(super) fn for_iter(vm: &mut Vm, arg: u32) -> Step {
    let next = next_of_sequence(vm.top());
    let next = match next {
        Some(n) => n,
        // The iterator's `Rc` itself is cloned (and dropped) inline, not the `Value` through
        // `clone_counted` and the drop glue.
        None => match vm.top() {
            Value::Generator(gen) => {
                let gen = gen.clone();
                return super::generator::for_iter(vm, gen, arg);
            }
            Value::Iter(it) => {
                let it = it.clone();
                crate::objects::iter::next(vm, &it)?
            }
            other => {
                let it = other.clone();
                ops::next(vm, &it)?
            }
        },
    };
    match next {
        Some(v) => vm.push(v),
        None => {
            vm.pop();
            vm.jump_to(arg);
        }
    }
    NEXT
}

// ---- calls and functions ------------------------------------------------------------------

#[inline(always)]
pub(super) fn call(vm: &mut Vm, arg: u32) -> Step {
    let n = arg as usize;
    let len = vm.stack.len();
    if n + 1 > len {
        return Err(PyErr::runtime_error("internal error: stack underflow in CALL"));
    }
    vm.call_positional(len - n - 1, len - n)?;
    NEXT
}

#[inline(always)]
pub(super) fn call_method(vm: &mut Vm, arg: u32) -> Step {
    let n = arg as usize;
    let len = vm.stack.len();
    if n + 2 > len {
        return Err(PyErr::runtime_error("internal error: stack underflow in CALL_METHOD"));
    }
    let callable_at = len - n - 2;
    if matches!(vm.stack[callable_at + 1], Value::Null) {
        vm.call_positional(callable_at, len - n)?;
    } else {
        // (method, self, args...): self is the first argument.
        vm.call_positional(callable_at, callable_at + 1)?;
    }
    NEXT
}

#[inline(always)]
pub(super) fn call_kw(vm: &mut Vm, arg: u32) -> Step {
    let names = vm.pop();
    let mut kwnames: KwNames = SmallVec::new();
    if let Value::Tuple(t) = &names {
        for n in t.items.iter() {
            if let Value::Str(s) = n {
                kwnames.push(s.clone());
            }
        }
    }
    let n = arg as usize;
    let len = vm.stack.len();
    if n + 1 > len {
        return Err(PyErr::runtime_error("internal error: stack underflow in CALL_KW"));
    }
    vm.call_on_stack(len - n - 1, len - n, &kwnames)?;
    NEXT
}

/// A call's `*` operand is not iterable (cold, like `not_a_mapping`).
#[cold]
#[inline(never)]
fn star_not_iterable(callee: &Value, operand: &Value) -> PyErr {
    PyErr::type_error(format!(
        "{} argument after * must be an iterable, not {}",
        super::call::function_description(callee),
        operand.type_id().name()
    ))
}

#[inline(always)]
pub(super) fn call_ex(vm: &mut Vm, arg: u32) -> Step {
    let kwargs = if arg & 1 != 0 { Some(vm.pop()) } else { None };
    let args = vm.pop();
    let positional = match &args {
        Value::Tuple(t) => t.items.to_vec(),
        other => {
            match ops::collect(vm, other) {
                Ok(items) => items,
                Err(e) if e.matches(TypeId::TypeError) => return Err(star_not_iterable(vm.top(), other)),
                Err(e) => return Err(e),
            }
        }
    };
    let callable_at = vm.stack.len() - 1;
    vm.stack.extend(positional);
    let mut kwnames: KwNames = SmallVec::new();
    if let Some(kw) = kwargs {
        for (k, v) in mapping_items(&kw, Some(&vm.stack[callable_at]))? {
            match k {
                Value::Str(s) => kwnames.push(s),
                _ => return Err(PyErr::type_error("keywords must be strings")),
            }
            vm.stack.push(v);
        }
    }
    vm.call_on_stack(callable_at, callable_at + 1, &kwnames)?;
    NEXT
}

#[inline(always)]
pub(super) fn make_function(vm: &mut Vm, arg: u32) -> Step {
    let code = match vm.pop() {
        Value::Code(c) => c,
        _ => return Err(PyErr::runtime_error("internal error: MAKE_FUNCTION without code")),
    };
    let closure = if arg & 8 != 0 {
        match vm.pop() {
            Value::Tuple(t) => Some(t),
            _ => None,
        }
    } else {
        None
    };
    if arg & 4 != 0 {
        vm.pop();
    }
    let kwdefaults = if arg & 2 != 0 {
        match vm.pop() {
            Value::Dict(d) => Some(d),
            _ => None,
        }
    } else {
        None
    };
    let defaults = if arg & 1 != 0 {
        match vm.pop() {
            Value::Tuple(t) => Some(t),
            _ => None,
        }
    } else {
        None
    };
    let name = Rc::new(PyStr::new(code.name.to_string()));
    let qualname = Rc::new(PyStr::new(code.qualname.to_string()));
    let func = PyFunction {
        globals: vm.frame.globals.clone(),
        code,
        defaults,
        kwdefaults,
        closure,
        name: std::cell::RefCell::new(name),
        qualname: std::cell::RefCell::new(qualname),
        dict: std::cell::RefCell::new(None),
    };
    vm.push(crate::gc::tracked(Value::Function(Rc::new(func))));
    NEXT
}

#[inline(always)]
pub(super) fn return_value(vm: &mut Vm, _arg: u32) -> Step {
    let v = vm.pop();
    if vm.frame.code.flags & crate::bytecode::code::flags::GENERATOR != 0 {
        return super::generator::generator_return(vm, v);
    }
    if vm.frame.on_return != OnReturn::Value {
        return return_special(vm, v);
    }
    let entry = leave_frame(vm);
    vm.deliver_to_caller(entry, v)
}

/// Pop the returning frame (see `Vm::pop_frame`), then close the generators its locals held
/// suspended; returns whether it was a loop entry.
#[inline(always)]
fn leave_frame(vm: &mut Vm) -> bool {
    let entry = vm.pop_frame();
    if crate::objects::generator::close_pending() {
        // Locals of the frame just left may have been suspended generators.
        crate::objects::generator::run_pending_closes(vm);
    }
    entry
}

/// RETURN_VALUE of a frame pushed by something other than a plain call (`Frame::on_return`).
/// An `__init__` pushed by a class call (`Vm::enter_init`): the call's result is the instance
/// kept below the frame's slots; a value other than None is a TypeError, raised in the caller
/// once the frame is gone (as `type.__call__` raises it). A binary operator's method
/// (`Vm::enter_binary_method`): its result, unless it is `NotImplemented`, when the protocol
/// goes on in the caller with the operands kept below the slots.
#[inline(never)]
fn return_special(vm: &mut Vm, returned: Value) -> Step {
    let kept = |vm: &Vm, depth: usize| vm.frame.base.checked_sub(depth).and_then(|at| vm.stack.get(at)).cloned().unwrap_or(Value::None);
    match vm.frame.on_return {
        OnReturn::Instance => {
            let instance = kept(vm, 1);
            let entry = leave_frame(vm);
            crate::objects::instance::check_init_result(&returned)?;
            vm.deliver_to_caller(entry, instance)
        }
        OnReturn::BinaryOp { op, inplace, resume } if matches!(returned, Value::NotImplemented) => {
            let (a, b) = (kept(vm, 2), kept(vm, 1));
            let entry = leave_frame(vm);
            let result = crate::objects::dunder::binary_op_from(vm, op, inplace, &a, &b, resume)?;
            vm.deliver_to_caller(entry, result)
        }
        OnReturn::BinaryOp { .. } | OnReturn::Value => {
            let entry = leave_frame(vm);
            vm.deliver_to_caller(entry, returned)
        }
    }
}

/// Turn a raised operand (an exception instance or class) into an exception.
#[inline(always)]
pub(super) fn load_assertion_error(vm: &mut Vm, _arg: u32) -> Step {
    vm.push(Value::Type(builtin_type(TypeId::AssertionError)));
    NEXT
}

// ---- imports and the REPL -----------------------------------------------------------------

#[inline(always)]
pub(super) fn import_name(vm: &mut Vm, arg: u32) -> Step {
    let fromlist = vm.pop();
    let level = vm.pop();
    let name = vm.name_at(arg);
    let globals = vm.frame.globals.clone();
    let module = super::import::import_name(vm, name.as_str(), &fromlist, &level, &globals)?;
    vm.push(module);
    NEXT
}

#[inline(always)]
pub(super) fn import_from(vm: &mut Vm, arg: u32) -> Step {
    let module = vm.top().clone();
    let name = vm.name_at(arg);
    let value = super::import::import_from(vm, &module, name.as_str())?;
    vm.push(value);
    NEXT
}

#[inline(always)]
pub(super) fn import_star(vm: &mut Vm, _arg: u32) -> Step {
    let module = vm.pop();
    let ns = namespace(vm);
    super::import::import_star(vm, &module, &ns)?;
    NEXT
}

#[inline(always)]
pub(super) fn print_expr(vm: &mut Vm, _arg: u32) -> Step {
    let v = vm.pop();
    if matches!(v, Value::None) {
        return NEXT;
    }
    let text = ops::repr(vm, &v)?;
    crate::stdio::write_stdout(&text)?;
    crate::stdio::write_stdout("\n")?;
    vm.builtins.set_str("_", v);
    NEXT
}

// ---- generators ---------------------------------------------------------------------------

#[inline(always)]
pub(super) fn yield_value(vm: &mut Vm, _arg: u32) -> Step {
    super::generator::yield_value(vm)
}

#[inline(always)]
pub(super) fn send(vm: &mut Vm, arg: u32) -> Step {
    super::generator::send(vm, arg)
}

#[inline(always)]
pub(super) fn load_build_class(vm: &mut Vm, _arg: u32) -> Step {
    match vm.builtins.get_str("__build_class__") {
        Some(f) => {
            vm.push(f);
            NEXT
        }
        None => Err(PyErr::name_error("__build_class__ not found")),
    }
}

/// The `PAST_END` sentinel after a code object's last word (`Words`): execution ran on past
/// the end, which the compiler never lets happen.
#[cold]
#[inline(never)]
pub(super) fn past_end(_vm: &mut Vm, _arg: u32) -> Step {
    Err(PyErr::new(TypeId::RuntimeError, "internal error: execution ran past the end of a code object"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `compare_fast`'s outcome bits agree with Rust's own comparisons on ints and floats,
    /// NaN and signed zeros included, for every operator.
    #[test]
    fn compare_fast_matches_the_operators() {
        let ints = [i64::MIN, -3, -1, 0, 1, 2, i64::MAX];
        let floats = [f64::NEG_INFINITY, -1.5, -0.0, 0.0, 2.5, f64::INFINITY, f64::NAN];
        fn expect<T: PartialOrd>(op: CompareOp, x: T, y: T) -> bool {
            match op {
                CompareOp::Lt => x < y,
                CompareOp::Le => x <= y,
                CompareOp::Eq => x == y,
                CompareOp::Ne => x != y,
                CompareOp::Gt => x > y,
                CompareOp::Ge => x >= y,
            }
        }
        for op in CompareOp::ALL {
            for &x in &ints {
                for &y in &ints {
                    assert_eq!(compare_fast(op, &Value::Int(x), &Value::Int(y)), Some(expect(op, x, y)), "{x} {op:?} {y}");
                }
            }
            for &x in &floats {
                for &y in &floats {
                    assert_eq!(compare_fast(op, &Value::float(x), &Value::float(y)), Some(expect(op, x, y)), "{x} {op:?} {y}");
                }
            }
            // Mixed and other operands are not compared here.
            assert_eq!(compare_fast(op, &Value::Int(1), &Value::float(1.0)), None);
            assert_eq!(compare_fast(op, &Value::None, &Value::None), None);
        }
    }
}
