//! Dispatch backends: the loop that fetches a word, decodes it and runs its handler. Both are
//! generated from `for_each_op!`, so the instruction bodies in `handlers` are shared:
//!
//! - `match` (default): one `loop` with a `match` on the opcode, handlers inlined into it;
//!   LLVM turns the match into a jump table.
//! - `table` (feature `dispatch-table`): an array of handler function pointers indexed by the
//!   opcode, called indirectly from the loop.
//!
//! Both keep the running frame's pc and stack top in registers (`vm::registers`) and run the
//! simplest instructions on them; any other instruction goes to its handler.
//!
//! Each backend's loop is generic over `const COUNT: bool`: `run` picks the counting copy once
//! per loop entry when `--stats` is on (see `vm::stats`), so the plain loop pays nothing.
//!
//! Handlers keep their fast paths inline; the generic operations they fall back to
//! (`ops::getattr`, `instance::object_getattr`, `Vm::call_on_stack`, `ops::binary_op`, ...) are
//! `#[inline(never)]`. PGO sees those operations as hot and otherwise copies them into the
//! loop: with the first committed profile that grew `run_loop` from 45 KB to 217 KB and its stack
//! frame from 0.9 to 3 KB, more instruction-cache misses than the saved calls were worth.

use super::registers::{run_fast, Fast, Regs};
use super::{handlers, Flow, Vm};
use crate::bytecode::opcodes::{Op, OP_COUNT};
use crate::error::{PyErr, PyResult};

/// Run the current frame (marked `entry`) until it returns. An exception goes to the handler
/// the exception tables name (`unwind`), or pops every frame up to the entry frame and is
/// returned.
///
/// With `--stats` (`Vm::stats` set) the counting instantiation of the loop runs instead; the
/// choice is made here, once per loop entry, so the plain loop has no per-instruction check.
pub fn run(vm: &mut Vm) -> PyResult<Value> {
    if vm.stats.is_some() {
        return run_counting(vm);
    }
    loop {
        match run_loop::<false>(vm) {
            Ok(()) => return Ok(std::mem::replace(&mut vm.return_value, Value::None)),
            Err(err) => super::unwind::unwind_to_handler(vm, err)?,
        }
    }
}

/// `run` for `--stats`: the loop counts every instruction (see `vm::stats`).
#[cold]
#[inline(never)]
fn run_counting(vm: &mut Vm) -> PyResult<Value> {
    if let Some(stats) = vm.stats.as_deref_mut() {
        stats.nested_loops += 1;
    }
    loop {
        match run_loop::<true>(vm) {
            Ok(()) => return Ok(std::mem::replace(&mut vm.return_value, Value::None)),
            Err(err) => super::unwind::unwind_to_handler(vm, err)?,
        }
    }
}

/// Like `run`, but first raise `err` at the running frame's current instruction (the frame's
/// `pc` is just past it): `generator.throw()` resumes a suspended frame this way.
pub fn run_raising(vm: &mut Vm, err: PyErr) -> PyResult<Value> {
    super::unwind::unwind_to_handler(vm, err)?;
    run(vm)
}

use crate::value::Value;

/// Executes one instruction whose operand has already been widened by `ExtendedArg`.
#[inline(never)]
pub(crate) fn execute_one(vm: &mut Vm, opcode: u8, arg: u32) -> PyResult<Flow> {
    macro_rules! one {
        ($(($name:ident, $handler:ident, $operand:ident, $effect:expr, $cache:expr, $doc:expr),)*) => {
            match Op::from_u8(opcode) {
                $(Some(Op::$name) => handlers::$handler(vm, arg),)*
                None => Err(bad_opcode(opcode)),
            }
        };
    }
    crate::for_each_op!(one)
}

#[cold]
fn bad_opcode(opcode: u8) -> PyErr {
    PyErr::new(crate::objects::types::TypeId::RuntimeError, format!("internal error: bad opcode {opcode}"))
}

/// Before an instruction runs (`COUNT` loops only): count it, and return the frame depth.
#[inline(always)]
fn count_before(vm: &mut Vm, opcode: u8) -> usize {
    let depth = vm.depth();
    if let Some(stats) = vm.stats.as_deref_mut() {
        stats.count_instruction(opcode, &vm.frame.code.words, vm.frame.pc);
    }
    depth
}

/// After an instruction ran (`COUNT` loops only): count the calls and frames it made.
#[inline(always)]
fn count_after(vm: &mut Vm, opcode: u8, depth_before: usize) {
    let depth_after = vm.depth();
    if let Some(stats) = vm.stats.as_deref_mut() {
        stats.count_frames(opcode, depth_before, depth_after);
    }
}

/// Run `op` on the registers when it has a fast case (`run_fast`): `Ok(true)` when it ran,
/// `Ok(false)` when its handler must run, and its error, with the registers stored for the
/// unwinder, when it raised.
#[inline(always)]
fn ran_fast(vm: &mut Vm, regs: &mut Regs, op: Op, arg: u32) -> PyResult<bool> {
    match run_fast(vm, regs, op, arg) {
        Fast::Done => Ok(true),
        Fast::Slow => Ok(false),
        Fast::Raise(err) => {
            regs.store(vm);
            Err(err)
        }
    }
}

/// The dispatch loop; `COUNT` instantiates the `--stats` variant, which counts around each
/// handler (`COUNT = false` compiles to the plain loop).
///
/// The running frame's pc and stack top live in `regs` (`vm::registers`). An instruction with
/// a fast case runs on them in `run_fast`; any other goes to its handler with them stored back
/// in `vm` first and loaded again after. The `--stats` loop sends every instruction to its
/// handler, so that it counts each cache hit and miss.
#[cfg(not(feature = "dispatch-table"))]
fn run_loop<const COUNT: bool>(vm: &mut Vm) -> PyResult<()> {
    macro_rules! dispatch_match {
        ($(($name:ident, $handler:ident, $operand:ident, $effect:expr, $cache:expr, $doc:expr),)*) => {
            {
            let mut regs = Regs::load(vm);
            loop {
                let (op, arg) = regs.fetch();
                // One `match`: in each arm `run_fast` is folded for its own opcode (to
                // `false` for one without a fast case). Each arm tests its own handler's
                // result, so the common `Ok(Next)` goes straight back to the fetch instead of
                // through one shared merge of all arms.
                match op {
                    $(Op::$name => {
                        if !COUNT && ran_fast(vm, &mut regs, Op::$name, arg)? {
                            continue;
                        }
                        regs.store(vm);
                        let depth_before = if COUNT { count_before(vm, op as u8) } else { 0 };
                        let result = handlers::$handler(vm, arg);
                        if COUNT {
                            count_after(vm, op as u8, depth_before);
                        }
                        match result {
                            Ok(Flow::Next) => regs = Regs::load(vm),
                            Ok(Flow::Exit) => return Ok(()),
                            Err(err) => return Err(err),
                        }
                    })*
                }
            }
            }
        };
    }
    crate::for_each_op!(dispatch_match)
}

/// A handler as stored in the dispatch table.
#[cfg(feature = "dispatch-table")]
type Handler = fn(&mut Vm, u32) -> PyResult<Flow>;

#[cfg(feature = "dispatch-table")]
macro_rules! handler_table {
    ($(($name:ident, $handler:ident, $operand:ident, $effect:expr, $cache:expr, $doc:expr),)*) => {
        /// Handlers indexed by opcode.
        static HANDLERS: [Handler; OP_COUNT] = [$(handlers::$handler as Handler,)*];
    };
}
#[cfg(feature = "dispatch-table")]
crate::for_each_op!(handler_table);

/// The table backend's loop: as the `match` loop, with the handler called through `HANDLERS`.
#[cfg(feature = "dispatch-table")]
fn run_loop<const COUNT: bool>(vm: &mut Vm) -> PyResult<()> {
    let mut regs = Regs::load(vm);
    loop {
        let (op, arg) = regs.fetch();
        if !COUNT && ran_fast(vm, &mut regs, op, arg)? {
            continue;
        }
        regs.store(vm);
        let handler = HANDLERS[op as usize];
        let depth_before = if COUNT { count_before(vm, op as u8) } else { 0 };
        let result = handler(vm, arg);
        if COUNT {
            count_after(vm, op as u8, depth_before);
        }
        if result? == Flow::Exit {
            return Ok(());
        }
        regs = Regs::load(vm);
    }
}

/// Number of opcodes the backends dispatch over (for tests and reports).
pub const DISPATCHED_OPS: usize = OP_COUNT;
