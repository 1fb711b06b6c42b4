//! Running generators on the shared value stack.
//!
//! A suspended generator keeps its `Frame` and its stack region (slots + evaluation stack) in
//! the `PyGenerator`. Resuming moves the values back on top of the stack, points the frame's
//! `base` at them and pushes the frame like a call; `YIELD_VALUE` moves them out again and
//! hands the yielded value to the resumer. Two kinds of resumer:
//!
//! - an instruction of the running dispatch loop (`FOR_ITER`, `SEND`): the generator frame is
//!   pushed without a Rust call, so generator pipelines cost no Rust stack. The yielded value
//!   lands on the resumer's stack exactly where the instruction's result goes; a `return`
//!   finishes the resuming instruction (`finish_resumer`): FOR_ITER pops the generator and
//!   jumps, SEND replaces iterator and value by the return value and jumps.
//! - Rust code (`next(g)`, `list(g)`, `g.send(v)`, `g.throw(...)`): the frame is pushed as a
//!   loop entry and a nested dispatch loop runs until it yields or returns.
//!
//! `Vm::generators` lists the generators whose frames are on the frame stack, innermost last:
//! the running frame belongs to its last entry whenever the frame's code has the GENERATOR
//! flag. Every path that takes a generator frame off the stack (yield, return, unwinding)
//! pops that list too.

use std::rc::Rc;

use super::{dispatch, Flow, Vm};
use crate::bytecode::code::Code;
use crate::bytecode::opcodes::{self, Op};
use crate::error::{PyErr, PyResult};
use crate::objects::generator::{GenState, PyGenerator};
use crate::objects::types::TypeId;
use crate::ops;
use crate::value::Value;

/// What resuming a generator from Rust produced.
pub enum Resumed {
    Yielded(Value),
    /// The generator finished (now, or earlier: then the value is None).
    Returned(Value),
}

#[cold]
fn already_executing() -> PyErr {
    PyErr::value_error("generator already executing")
}

#[cold]
fn internal(msg: &str) -> PyErr {
    PyErr::runtime_error(format!("internal error: {msg}"))
}

#[cold]
fn non_none_to_fresh() -> PyErr {
    PyErr::type_error("can't send non-None value to a just-started generator")
}

/// The full operand of the instruction starting at `start` (after any EXTENDED_ARG prefixes)
/// and the instruction's opcode.
fn decode_instruction(code: &Code, start: usize) -> Option<(Op, u32)> {
    let mut arg: u32 = 0;
    let mut i = start;
    loop {
        let (byte, low) = opcodes::decode(code.words.get(i)?);
        let op = Op::from_u8(byte)?;
        arg = (arg << opcodes::ARG_BITS) | low;
        if op != Op::ExtendedArg {
            return Some((op, arg));
        }
        i += 1;
    }
}

/// Index of the first word (EXTENDED_ARG prefixes included) of the instruction that is
/// executing in the running frame.
fn current_instruction_start(vm: &Vm) -> usize {
    let words = &vm.frame.code.words;
    let mut start = vm.frame.pc.saturating_sub(1);
    while start > 0 && words.get(start - 1).is_some_and(|w| opcodes::decode(w).0 == Op::ExtendedArg as u8) {
        start -= 1;
    }
    start
}

/// True when a frame suspended with `pc` sits at the `YIELD_VALUE 1` of a yield-from loop
/// (its delegate is then the top of its saved stack).
pub fn suspended_in_yield_from(code: &Code, pc: usize) -> bool {
    pc >= 1
        && code.words.get(pc - 1).is_some_and(|w| {
            let (byte, arg) = opcodes::decode(w);
            byte == Op::YieldValue as u8 && arg == 1
        })
}

/// Move a created or suspended generator's frame onto the stack and make it the running
/// frame. `sent` becomes the value of the `yield` it is suspended at (none for a fresh one).
fn push_generator_frame(vm: &mut Vm, gen: &Rc<PyGenerator>, sent: Option<Value>, entry: bool) -> PyResult<()> {
    if vm.callers.len() + 1 > vm.recursion_limit {
        return Err(PyErr::recursion_error());
    }
    let Some(mut frame) = gen.frame.borrow_mut().take() else {
        return Err(internal("generator without a frame"));
    };
    let base = vm.stack.len();
    {
        let mut saved = gen.saved_stack.borrow_mut();
        let needed = frame.code.nslots() + frame.code.stacksize as usize + 1;
        if vm.stack.try_reserve(needed.max(saved.len() + 1)).is_err() {
            drop(saved);
            *gen.frame.borrow_mut() = Some(frame);
            return Err(PyErr::memory_error());
        }
        // A move of the whole buffer's contents (`append` copies the values bitwise and
        // leaves `saved` empty with its capacity, for the next yield).
        vm.stack.append(&mut saved);
    }
    if let Some(v) = sent {
        vm.stack.push(v);
    }
    frame.base = base;
    frame.drop_below = 0;
    frame.entry = entry;
    gen.state.set(GenState::Running);
    // The generator sees its own handled exception, or else its resumer's.
    let own = std::mem::replace(&mut *gen.handled.borrow_mut(), Value::None);
    let resumer = if matches!(own, Value::None) { vm.handled.clone() } else { std::mem::replace(&mut vm.handled, own) };
    std::mem::replace(&mut *gen.resumer_handled.borrow_mut(), resumer).discard();
    vm.generators.push(gen.clone());
    let caller = vm.switch_frame(frame);
    super::push_fast(&mut vm.callers, caller);
    Ok(())
}

/// `YIELD_VALUE`: suspend the running generator frame and hand TOS to its resumer.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub(super) fn yield_value(vm: &mut Vm) -> PyResult<Flow> {
    let value = vm.stack.pop().unwrap_or_else(|| Value::None);
    let Some(gen) = vm.generators.pop() else {
        return Err(internal("yield outside a generator frame"));
    };
    let base = vm.frame.base.min(vm.stack.len());
    move_tail(&mut vm.stack, base, &mut gen.saved_stack.borrow_mut());
    let Some(caller) = vm.callers.pop() else {
        return Err(internal("generator frame without a caller"));
    };
    let frame = vm.switch_frame(caller);
    let entry = frame.entry;
    *gen.frame.borrow_mut() = Some(frame);
    gen.state.set(GenState::Suspended);
    let resumer = std::mem::replace(&mut *gen.resumer_handled.borrow_mut(), Value::None);
    let own = std::mem::replace(&mut vm.handled, resumer);
    if own.is(&vm.handled) {
        own.discard();
    } else {
        std::mem::replace(&mut *gen.handled.borrow_mut(), own).discard();
    }
    vm.deliver_to_caller(entry, value)
}

/// Move `stack[base..]` to the end of `into`: a bitwise copy of the values, where
/// `extend(drain(..))` moved them one by one through the iterators.
fn move_tail(stack: &mut Vec<Value>, base: usize, into: &mut Vec<Value>) {
    let moved = stack.len().saturating_sub(base);
    into.reserve(moved);
    // SAFETY: `stack[base..base + moved]` are initialized and `into` has room for `moved` more
    // after its `len` (just reserved). The values are copied bitwise, then `stack`'s length is
    // cut to `base` so that each value is owned once, by `into`; the two buffers are distinct
    // allocations, so the ranges do not overlap.
    unsafe {
        std::ptr::copy_nonoverlapping(stack.as_ptr().add(base), into.as_mut_ptr().add(into.len()), moved);
        into.set_len(into.len() + moved);
        stack.set_len(stack.len() - moved);
    }
}

/// `RETURN_VALUE` in a generator frame: the generator is finished; `value` goes to its
/// resumer (as the result of the Rust resume, or of the FOR_ITER/SEND that resumed it).
pub(super) fn generator_return(vm: &mut Vm, value: Value) -> PyResult<Flow> {
    let gen = vm.generators.pop();
    let entry = vm.pop_frame();
    if let Some(g) = &gen {
        vm.handled = std::mem::replace(&mut *g.resumer_handled.borrow_mut(), Value::None);
        g.finish();
    }
    if entry {
        vm.return_value = value;
        return Ok(Flow::Exit);
    }
    let Some(gen) = gen else {
        return Err(internal("return from a generator frame without its generator"));
    };
    finish_resumer(vm, gen.resumer_pc.get(), value)
}

/// Complete the FOR_ITER or SEND at `pc` of the running frame for a generator that returned.
fn finish_resumer(vm: &mut Vm, pc: usize, value: Value) -> PyResult<Flow> {
    match decode_instruction(&vm.frame.code, pc) {
        Some((Op::ForIter, target)) => {
            vm.stack.pop();
            vm.frame.pc = target as usize;
            Ok(Flow::Next)
        }
        Some((Op::Send, target)) => {
            vm.stack.pop();
            vm.stack.push(value);
            vm.frame.pc = target as usize;
            Ok(Flow::Next)
        }
        _ => Err(internal("generator resumed by an unexpected instruction")),
    }
}

/// An exception is leaving a generator frame (the running frame): the generator is finished,
/// and a StopIteration becomes "RuntimeError: generator raised StopIteration" (PEP 479).
pub(super) fn frame_unwound(vm: &mut Vm, err: PyErr) -> PyErr {
    if let Some(gen) = vm.generators.pop() {
        vm.handled = std::mem::replace(&mut *gen.resumer_handled.borrow_mut(), Value::None);
        gen.finish();
    }
    if !err.matches(TypeId::StopIteration) {
        return err;
    }
    let converted = PyErr::runtime_error("generator raised StopIteration");
    *converted.0.cause.borrow_mut() = Some(err.0.clone());
    *converted.0.context.borrow_mut() = Some(err.0.clone());
    converted.0.suppress_context.set(true);
    converted
}

/// `FOR_ITER` whose iterator (TOS) is a generator: resume it inside the loop.
#[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
pub(super) fn for_iter(vm: &mut Vm, gen: Rc<PyGenerator>, target: u32) -> PyResult<Flow> {
    let sent = match gen.state.get() {
        GenState::Finished => {
            vm.stack.pop();
            vm.frame.pc = target as usize;
            return Ok(Flow::Next);
        }
        GenState::Running => return Err(already_executing()),
        GenState::Created => None,
        GenState::Suspended => Some(Value::None),
    };
    gen.resumer_pc.set(current_instruction_start(vm));
    push_generator_frame(vm, &gen, sent, false)?;
    Ok(Flow::Next)
}

/// `SEND`: TOS1 is the delegate iterator, TOS the value to send.
pub(super) fn send(vm: &mut Vm, target: u32) -> PyResult<Flow> {
    let value = vm.stack.pop().unwrap_or_else(|| Value::None);
    let delegate = match vm.stack.last() {
        Some(v) => v.clone(),
        None => return Err(internal("SEND without an iterator")),
    };
    if let Value::Generator(gen) = &delegate {
        let sent = match gen.state.get() {
            GenState::Finished => {
                vm.stack.pop();
                vm.stack.push(Value::None);
                vm.frame.pc = target as usize;
                return Ok(Flow::Next);
            }
            GenState::Running => return Err(already_executing()),
            GenState::Created if !matches!(value, Value::None) => return Err(non_none_to_fresh()),
            GenState::Created => None,
            GenState::Suspended => Some(value),
        };
        gen.resumer_pc.set(current_instruction_start(vm));
        push_generator_frame(vm, gen, sent, false)?;
        return Ok(Flow::Next);
    }
    let outcome = if matches!(value, Value::None) {
        match ops::next(vm, &delegate)? {
            Some(v) => Resumed::Yielded(v),
            None => Resumed::Returned(Value::None),
        }
    } else {
        let method = ops::getattr(vm, &delegate, "send")?;
        match vm.call(&method, &[value]) {
            Ok(v) => Resumed::Yielded(v),
            Err(e) if e.matches(TypeId::StopIteration) => Resumed::Returned(stop_iteration_value(&e)),
            Err(e) => return Err(e),
        }
    };
    match outcome {
        Resumed::Yielded(v) => vm.stack.push(v),
        Resumed::Returned(v) => {
            vm.stack.pop();
            vm.stack.push(v);
            vm.frame.pc = target as usize;
        }
    }
    Ok(Flow::Next)
}

/// `StopIteration.value`.
fn stop_iteration_value(e: &PyErr) -> Value {
    crate::objects::exception::get_attribute(&e.0, "value").unwrap_or_else(|| Value::None)
}

/// Resume `gen` from Rust with `value` sent in; runs a nested dispatch loop until the
/// generator yields or finishes.
pub fn resume_from_rust(vm: &mut Vm, gen: &Rc<PyGenerator>, value: Value) -> PyResult<Resumed> {
    let sent = match gen.state.get() {
        GenState::Finished => return Ok(Resumed::Returned(Value::None)),
        GenState::Running => return Err(already_executing()),
        GenState::Created if !matches!(value, Value::None) => return Err(non_none_to_fresh()),
        GenState::Created => None,
        GenState::Suspended => Some(value),
    };
    push_generator_frame(vm, gen, sent, true)?;
    let result = dispatch::run(vm)?;
    Ok(outcome(gen, result))
}

fn outcome(gen: &PyGenerator, value: Value) -> Resumed {
    if gen.state.get() == GenState::Finished {
        Resumed::Returned(value)
    } else {
        Resumed::Yielded(value)
    }
}

/// `gen.throw(err)`: raise `err` where the generator is suspended (forwarding it to the
/// delegate of a `yield from` first).
pub fn throw(vm: &mut Vm, gen: &Rc<PyGenerator>, err: PyErr) -> PyResult<Resumed> {
    match gen.state.get() {
        GenState::Running => return Err(already_executing()),
        GenState::Finished => return Err(err),
        GenState::Created => {
            gen.finish();
            return Err(err);
        }
        GenState::Suspended => {}
    }
    let mut err = err;
    if let Some(delegate) = gen.yield_from_target() {
        match throw_to_delegate(vm, gen, &delegate, &err) {
            Delegated::Yielded(v) => return Ok(Resumed::Yielded(v)),
            Delegated::Returned(v) => return leave_yield_from(vm, gen, v),
            Delegated::Raised(e) => err = e,
            Delegated::NotForwarded => {}
        }
    }
    push_generator_frame(vm, gen, None, true)?;
    let result = dispatch::run_raising(vm, err)?;
    Ok(outcome(gen, result))
}

/// What forwarding a thrown exception to a `yield from` delegate did.
enum Delegated {
    Yielded(Value),
    Returned(Value),
    /// Raise this in the delegating generator's frame.
    Raised(PyErr),
    /// The delegate has no `throw`: raise the original exception in the frame.
    NotForwarded,
}

fn throw_to_delegate(vm: &mut Vm, gen: &Rc<PyGenerator>, delegate: &Value, err: &PyErr) -> Delegated {
    // The delegating generator counts as running while its delegate runs.
    gen.state.set(GenState::Running);
    let result = if err.matches(TypeId::GeneratorExit) {
        match close_iterator(vm, delegate) {
            Ok(()) => Delegated::NotForwarded,
            Err(e) => Delegated::Raised(e),
        }
    } else if let Value::Generator(inner) = delegate {
        match throw(vm, inner, err.clone()) {
            Ok(Resumed::Yielded(v)) => Delegated::Yielded(v),
            Ok(Resumed::Returned(v)) => Delegated::Returned(v),
            Err(e) => Delegated::Raised(e),
        }
    } else {
        match ops::getattr(vm, delegate, "throw") {
            Err(e) if e.matches(TypeId::AttributeError) => Delegated::NotForwarded,
            Err(e) => Delegated::Raised(e),
            Ok(method) => match vm.call(&method, &[Value::Exception(err.0.clone())]) {
                Ok(v) => Delegated::Yielded(v),
                Err(e) if e.matches(TypeId::StopIteration) => Delegated::Returned(stop_iteration_value(&e)),
                Err(e) => Delegated::Raised(e),
            },
        }
    };
    gen.state.set(GenState::Suspended);
    result
}

/// The delegate of a suspended `yield from` finished with `value`: drop it from the frame's
/// stack and resume after the delegation loop with `value` as the expression's result.
fn leave_yield_from(vm: &mut Vm, gen: &Rc<PyGenerator>, value: Value) -> PyResult<Resumed> {
    {
        let mut frame = gen.frame.borrow_mut();
        let Some(frame) = frame.as_mut() else {
            return Err(internal("suspended generator without a frame"));
        };
        // Suspended after `YIELD_VALUE 1`; the next word is the loop's `JUMP`, and the loop's
        // exit follows it.
        match decode_instruction(&frame.code, frame.pc) {
            Some((Op::Jump, _)) => frame.pc += 1,
            _ => return Err(internal("yield from loop has an unexpected shape")),
        }
        gen.saved_stack.borrow_mut().pop();
    }
    push_generator_frame(vm, gen, Some(value), true)?;
    let result = dispatch::run(vm)?;
    Ok(outcome(gen, result))
}

/// `close()` of any iterator: generators are closed, other objects get their `close` method
/// called if they have one.
fn close_iterator(vm: &mut Vm, it: &Value) -> PyResult<()> {
    if let Value::Generator(g) = it {
        return close(vm, g);
    }
    match ops::getattr(vm, it, "close") {
        Ok(method) => vm.call(&method, &[]).map(|_| ()),
        Err(e) if e.matches(TypeId::AttributeError) => Ok(()),
        Err(e) => Err(e),
    }
}

/// `gen.close()`: raise GeneratorExit at the suspension point; the generator must not yield
/// again.
pub fn close(vm: &mut Vm, gen: &Rc<PyGenerator>) -> PyResult<()> {
    match gen.state.get() {
        GenState::Created | GenState::Finished => {
            gen.finish();
            return Ok(());
        }
        GenState::Running => return Err(already_executing()),
        GenState::Suspended => {}
    }
    let exit = PyErr::with_args(TypeId::GeneratorExit, vec![]);
    match throw(vm, gen, exit) {
        Ok(Resumed::Yielded(_)) => Err(PyErr::runtime_error("generator ignored GeneratorExit")),
        Ok(Resumed::Returned(_)) => Ok(()),
        Err(e) if e.matches(TypeId::GeneratorExit) || e.matches(TypeId::StopIteration) => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::{compile, Mode};

    /// The code object of the first function defined in `src`.
    fn function_code(src: &str) -> Rc<Code> {
        let module = compile(src, "<test>", Mode::Module).expect("compiles");
        module
            .consts
            .iter()
            .find_map(|c| match c {
                Value::Code(code) => Some(code.clone()),
                _ => None,
            })
            .expect("a function")
    }

    #[test]
    fn yield_from_loop_shape() {
        let code = function_code("def g(it):\n    r = yield from it\n    yield r\n");
        let yields: Vec<usize> = (0..code.words.len())
            .filter(|&i| matches!(decode_instruction(&code, i), Some((Op::YieldValue, _))))
            .collect();
        assert_eq!(yields.len(), 2);
        // Suspended after the delegation loop's yield: delegating; after the plain one: not.
        assert!(suspended_in_yield_from(&code, yields[0] + 1));
        assert!(!suspended_in_yield_from(&code, yields[1] + 1));
        // The loop's yield is preceded by SEND and followed by the JUMP back to it.
        assert!(matches!(decode_instruction(&code, yields[0] - 1), Some((Op::Send, _))));
        let Some((Op::Jump, back)) = decode_instruction(&code, yields[0] + 1) else {
            panic!("no JUMP after the yield-from yield");
        };
        assert_eq!(back as usize, yields[0] - 1);
        assert_ne!(code.flags & crate::bytecode::code::flags::GENERATOR, 0);
    }

}
