//! The dispatch loop's registers: the running frame's instruction pointer, stack top and slot
//! base held in locals of the loop, and the instructions that run on them alone.
//!
//! Handlers take `&mut Vm` and keep that state in `Vm` (`frame.pc`, `stack`'s length), so
//! every one of them reloaded it through the `Vm` pointer, and rustc kept the addresses of
//! those fields in stack slots of the loop: LOAD_FAST cost about 30 machine instructions and
//! its dispatch 14 more. Here the loop owns the state between instructions:
//!
//! - `Regs::load` reads it from `Vm`, `Regs::store` writes it back. The loop stores before it
//!   runs any handler and loads after it, so a handler sees the `Vm` it always saw.
//! - `run_fast` runs the simplest and most frequent instructions (local and constant loads and
//!   stores, jumps, int and float arithmetic and comparisons) on the registers. Each one takes
//!   its fast case only when it needs nothing else (no growth of the stack, no call, no error,
//!   no pending Ctrl-C) and otherwise returns `false` *before changing anything*, and the
//!   instruction's handler runs instead.
//!
//! The pointers are checked against each other, not trusted: a slot is read only below `sp`, a
//! value popped only above `fp`, a value pushed only below `limit`, and a jump goes only to a
//! word inside the code or to its `PAST_END` sentinel. So bytecode that broke the compiler's
//! stack-depth or slot-count rules could make an instruction take its slow path, never read
//! outside the stack.

use std::cell::Cell;

use super::handlers::{compare_fast, Add, Arith, Mul, Sub};
use super::{Frame, Vm};
use crate::bytecode::opcodes::{self, BinaryOp, CompareOp, Op};
use crate::error::PyErr;
use crate::value::Value;

/// The running frame's hot state between two instructions (see the module doc).
pub(super) struct Regs {
    /// The next word to execute: a word of the running code or its `PAST_END` sentinel.
    pc: *const Cell<u32>,
    /// One past the top of the value stack: `stack.as_ptr() + stack.len()`.
    sp: *mut Value,
    /// Slot 0 of the running frame: `stack.as_ptr() + frame.base` (not dereferenced unless
    /// below `sp`).
    fp: *mut Value,
    /// The end of the stack's allocation: a push needs no growth while `sp < limit`.
    limit: *mut Value,
}

impl Regs {
    /// Read the registers from `vm` (after a handler ran, or when a loop starts).
    #[inline(always)]
    pub(super) fn load(vm: &mut Vm) -> Regs {
        // A pc past the end (a jump's target, say) goes to the sentinel, which raises.
        let pc_index = vm.frame.pc.min(vm.words_len);
        let base = vm.stack.as_mut_ptr();
        Regs {
            // SAFETY: `words` points at the running code's `len() + 1` words (the sentinel
            // follows the last; `Vm::switch_frame` keeps `words`/`words_len` in step with
            // `frame`), and `pc_index <= words_len`.
            pc: unsafe { vm.words.add(pc_index) },
            // SAFETY: `len <= capacity`, so both are at most one past the allocation's end.
            sp: unsafe { base.add(vm.stack.len()) },
            limit: unsafe { base.add(vm.stack.capacity()) },
            fp: base.wrapping_add(vm.frame.base),
        }
    }

    /// Write the registers back to `vm` (before a handler runs).
    #[inline(always)]
    pub(super) fn store(&self, vm: &mut Vm) {
        // SAFETY: `pc` was derived from `vm.words` and `sp` from the stack's buffer by `load`,
        // and the buffer has not moved since: nothing between `load` and here grows the stack
        // (`push` stops at `limit`). `sp` only moved between the buffer's start (pops check
        // `fp`, which is at or above it) and `limit`, and every entry below it is initialized.
        unsafe {
            vm.frame.pc = self.pc.offset_from(vm.words) as usize;
            let len = self.sp.offset_from(vm.stack.as_ptr()) as usize;
            vm.stack.set_len(len);
        }
    }

    /// Fetch the next word and advance `pc`.
    #[inline(always)]
    pub(super) fn fetch(&mut self) -> (Op, u32) {
        // SAFETY: `pc` points at a word of the running code or at its sentinel (`load`,
        // `jump_target`, and `fetch` itself, which only ever advances past a word that is not
        // the sentinel: the sentinel's handler ends the loop with an error, and the loop
        // reloads `pc` from the frame after any handler). Every word holds a valid opcode
        // (`Words`' invariant), read through the `Cell`, as an opcode rewrite writes it.
        unsafe {
            let word = (*self.pc).get();
            self.pc = self.pc.add(1);
            opcodes::decode_valid(word)
        }
    }

    /// Whether at least `n` values lie between the frame's slot 0 and the top.
    #[inline(always)]
    fn holds(&self, n: usize) -> bool {
        (self.sp as usize) >= (self.fp as usize).wrapping_add(n * std::mem::size_of::<Value>())
    }

    /// The value `depth` places below the top (1 = TOS). The caller checked `holds(depth)`.
    #[inline(always)]
    fn peek(&self, depth: usize) -> &Value {
        // SAFETY: `holds(depth)` put `sp - depth` at or above `fp`, itself at or above the
        // stack buffer's start, and below `sp`: an initialized entry.
        unsafe { &*self.sp.sub(depth) }
    }

    /// The operand of the inline-cache word at `pc` (the attribute instructions' cache site,
    /// see `attr_cache::take_cache_site`).
    #[inline(always)]
    fn cache_site(&self) -> usize {
        // SAFETY: `pc` points at a word or at the sentinel (see `fetch`): readable.
        opcodes::decode(unsafe { (*self.pc).get() }).1 as usize
    }

    /// Step over the inline-cache word at `pc`, which is a word of the code (an attribute
    /// instruction is never the last word).
    #[inline(always)]
    fn skip_cache_word(&mut self) {
        self.pc = self.pc.wrapping_add(1);
    }

    /// Where a jump to word `target` lands: `None` when its handler must take it instead (a
    /// target past the end of the code, or a backward jump while Ctrl-C or a generator close
    /// is pending, which the handler acts on).
    #[inline(always)]
    fn jump_target(&self, vm: &Vm, target: u32) -> Option<*const Cell<u32>> {
        if target as usize > vm.words_len {
            return None;
        }
        let to = vm.words.wrapping_add(target as usize);
        if to < self.pc && (crate::signals::pending() || crate::objects::generator::close_pending()) {
            return None;
        }
        Some(to)
    }
}

/// What `run_fast` did with an instruction.
pub(super) enum Fast {
    /// It ran on the registers.
    Done,
    /// Nothing changed: its handler must run.
    Slow,
    /// It ran and raised (registers updated; the loop stores them before unwinding).
    Raise(PyErr),
}

impl From<bool> for Fast {
    #[inline(always)]
    fn from(done: bool) -> Fast {
        if done {
            Fast::Done
        } else {
            Fast::Slow
        }
    }
}

/// Run `op` on the registers when its fast case applies.
#[inline(always)]
pub(super) fn run_fast(vm: &mut Vm, regs: &mut Regs, op: Op, arg: u32) -> Fast {
    let done = match op {
        Op::Nop => true,
        Op::LoadFast => load_fast(regs, arg),
        Op::StoreFast => store_fast(regs, arg),
        Op::LoadConst => load_const(vm, regs, arg),
        Op::PopTop => pop_top(regs),
        Op::Copy => copy(regs, arg),
        Op::Swap => swap(regs, arg),
        Op::Jump => jump(vm, regs, arg),
        Op::PopJumpIfFalse => pop_jump_if(vm, regs, arg, false),
        Op::PopJumpIfTrue => pop_jump_if(vm, regs, arg, true),
        Op::CompareOp => compare(vm, regs, arg),
        Op::BinaryAddInt => arith_int::<Add>(regs),
        Op::BinarySubInt => arith_int::<Sub>(regs),
        Op::BinaryMulInt => arith_int::<Mul>(regs),
        Op::BinaryAddFloat => arith_float::<Add>(regs),
        Op::BinarySubFloat => arith_float::<Sub>(regs),
        Op::BinaryMulFloat => arith_float::<Mul>(regs),
        Op::BinaryOp => binary_op(regs, arg),
        Op::BinarySubscr => binary_subscr(regs),
        Op::IsOp => is_op(regs, arg),
        Op::JumpIfFalseOrPop => jump_or_pop(vm, regs, arg, false),
        Op::JumpIfTrueOrPop => jump_or_pop(vm, regs, arg, true),
        Op::LoadGlobal => load_global(vm, regs, arg),
        Op::LoadDeref => load_deref(vm, regs, arg),
        Op::LoadAttr => load_attr(vm, regs, arg),
        Op::LoadMethod => load_method(vm, regs, arg),
        Op::StoreAttr => return store_attr(vm, regs, arg),
        Op::ForIter => for_iter(vm, regs, arg),
        Op::Call => call(vm, regs, arg),
        Op::CallMethod => call_method(vm, regs, arg),
        Op::ReturnValue => return_value(vm, regs),
        _ => false,
    };
    Fast::from(done)
}

/// Push `value`. The caller checked `sp < limit`.
#[inline(always)]
fn push(regs: &mut Regs, value: Value) {
    // SAFETY: `sp < limit`: the entry at `sp` is inside the allocation and past the
    // initialized ones, so writing it overwrites nothing that needs dropping.
    unsafe {
        regs.sp.write(value);
        regs.sp = regs.sp.add(1);
    }
}

/// Remove the top `n` values, which the caller has already moved out or which own nothing.
/// The caller checked `holds(n)`.
#[inline(always)]
fn forget_top(regs: &mut Regs, n: usize) {
    // SAFETY: `holds(n)`: `sp - n` is at or above `fp`, inside the buffer.
    regs.sp = unsafe { regs.sp.sub(n) };
}

#[inline(always)]
fn load_fast(regs: &mut Regs, arg: u32) -> bool {
    let slot = regs.fp.wrapping_add(arg as usize);
    // An unbound slot (`Null`) raises in the handler.
    if slot >= regs.sp || regs.sp >= regs.limit {
        return false;
    }
    // SAFETY: `fp <= slot < sp`: an initialized entry of the stack.
    let value = unsafe { &*slot };
    if matches!(value, Value::Null) {
        return false;
    }
    let value = value.clone();
    push(regs, value);
    true
}

#[inline(always)]
fn store_fast(regs: &mut Regs, arg: u32) -> bool {
    let slot = regs.fp.wrapping_add(arg as usize);
    // The slot must be below the value stored into it.
    if !regs.holds(1) || slot >= regs.sp.wrapping_sub(1) {
        return false;
    }
    forget_top(regs, 1);
    // SAFETY: `sp` (just lowered) held the top value, initialized; it is now past the top, so
    // it is moved out exactly once. `fp <= slot < sp`: an initialized entry, replaced in place.
    unsafe {
        let value = regs.sp.read();
        std::ptr::replace(slot, value).discard();
    }
    true
}

#[inline(always)]
fn load_const(vm: &Vm, regs: &mut Regs, arg: u32) -> bool {
    if regs.sp >= regs.limit {
        return false;
    }
    match vm.frame.code.consts.get(arg as usize) {
        Some(value) => {
            let value = value.clone();
            push(regs, value);
            true
        }
        None => false,
    }
}

#[inline(always)]
fn pop_top(regs: &mut Regs) -> bool {
    if !regs.holds(1) {
        return false;
    }
    forget_top(regs, 1);
    // SAFETY: the entry at the lowered `sp` was the initialized top; it is past the top now,
    // so it is moved out exactly once.
    unsafe { regs.sp.read() }.discard();
    true
}

#[inline(always)]
fn jump(vm: &Vm, regs: &mut Regs, target: u32) -> bool {
    match regs.jump_target(vm, target) {
        Some(to) => {
            regs.pc = to;
            true
        }
        None => false,
    }
}

/// POP_JUMP_IF_FALSE / POP_JUMP_IF_TRUE on a bool, None or int.
#[inline(always)]
fn pop_jump_if(vm: &Vm, regs: &mut Regs, target: u32, jump_if: bool) -> bool {
    if !regs.holds(1) {
        return false;
    }
    let Some(truth) = super::handlers::plain_truth(regs.peek(1)) else {
        return false;
    };
    branch(vm, regs, 1, truth == jump_if, target)
}

/// Drop the top `pop` values (which own nothing) and jump to `target` when `jump`.
#[inline(always)]
fn branch(vm: &Vm, regs: &mut Regs, pop: usize, jump: bool, target: u32) -> bool {
    if jump {
        let Some(to) = regs.jump_target(vm, target) else {
            return false;
        };
        regs.pc = to;
    }
    forget_top(regs, pop);
    true
}

/// COMPARE_OP on two ints or two floats. Followed by POP_JUMP_IF_FALSE/TRUE, it branches
/// and steps over that word, as the handler does (`compare_then_branch`); otherwise it
/// pushes the bool.
#[inline(always)]
fn compare(vm: &Vm, regs: &mut Regs, arg: u32) -> bool {
    let Some(op) = CompareOp::from_arg(arg) else {
        return false;
    };
    if !regs.holds(2) {
        return false;
    }
    // Ints and floats own nothing: popping them needs no drop.
    let Some(result) = compare_fast(op, regs.peek(2), regs.peek(1)) else {
        return false;
    };
    // SAFETY: `pc` points at a word or at the sentinel (see `fetch`): readable.
    let (next_op, target) = opcodes::decode(unsafe { (*regs.pc).get() });
    let jump_if = if next_op == Op::PopJumpIfFalse as u8 {
        false
    } else if next_op == Op::PopJumpIfTrue as u8 {
        true
    } else {
        forget_top(regs, 2);
        push(regs, Value::bool(result));
        return true;
    };
    let after_jump_word = regs.pc.wrapping_add(1);
    let pc = std::mem::replace(&mut regs.pc, after_jump_word);
    if branch(vm, regs, 2, result == jump_if, target) {
        return true;
    }
    regs.pc = pc;
    false
}

/// BINARY_ADD_INT and friends: two ints whose result fits in i64. Anything else (the guard
/// failing, an overflow) goes to the handler, which de-specializes.
#[inline(always)]
fn arith_int<A: Arith>(regs: &mut Regs) -> bool {
    if !regs.holds(2) {
        return false;
    }
    let (Value::Int(x), Value::Int(y)) = (regs.peek(2), regs.peek(1)) else {
        return false;
    };
    let Some(result) = A::int(*x, *y) else {
        return false;
    };
    forget_top(regs, 2);
    push(regs, Value::Int(result));
    true
}

/// BINARY_ADD_FLOAT and friends: two floats.
#[inline(always)]
fn arith_float<A: Arith>(regs: &mut Regs) -> bool {
    if !regs.holds(2) {
        return false;
    }
    let (Value::Float(x), Value::Float(y)) = (regs.peek(2), regs.peek(1)) else {
        return false;
    };
    let result = A::float(x.get(), y.get());
    forget_top(regs, 2);
    push(regs, Value::float(result));
    true
}

/// IS_OP: `a is b` (`arg` 1: `is not`).
#[inline(always)]
fn is_op(regs: &mut Regs, arg: u32) -> bool {
    if !regs.holds(2) {
        return false;
    }
    forget_top(regs, 2);
    // SAFETY: the two entries at the lowered `sp` were the initialized top two; they are past
    // the top now, so each is moved out exactly once.
    let (a, b) = unsafe { (regs.sp.read(), regs.sp.add(1).read()) };
    let result = a.is(&b) != (arg == 1);
    a.discard();
    b.discard();
    push(regs, Value::bool(result));
    true
}

/// JUMP_IF_FALSE_OR_POP / JUMP_IF_TRUE_OR_POP on a bool, None or int.
#[inline(always)]
fn jump_or_pop(vm: &Vm, regs: &mut Regs, target: u32, jump_if: bool) -> bool {
    if !regs.holds(1) {
        return false;
    }
    let Some(truth) = super::handlers::plain_truth(regs.peek(1)) else {
        return false;
    };
    if truth == jump_if {
        return jump(vm, regs, target);
    }
    forget_top(regs, 1);
    true
}

/// LOAD_GLOBAL when its cache holds (`handlers::cached_global`).
#[inline(always)]
fn load_global(vm: &Vm, regs: &mut Regs, arg: u32) -> bool {
    if regs.sp >= regs.limit {
        return false;
    }
    match super::handlers::cached_global(vm, arg) {
        Some(value) => {
            push(regs, value);
            true
        }
        None => false,
    }
}

/// LOAD_DEREF of a bound cell or free variable.
#[inline(always)]
fn load_deref(vm: &Vm, regs: &mut Regs, arg: u32) -> bool {
    let slot = regs.fp.wrapping_add(vm.frame.code.cell_base()).wrapping_add(arg as usize);
    if slot >= regs.sp || regs.sp >= regs.limit {
        return false;
    }
    // SAFETY: `fp <= slot < sp`: an initialized entry of the stack.
    let Value::Cell(cell) = (unsafe { &*slot }) else {
        return false;
    };
    let value = match cell.value.try_borrow() {
        Ok(value) if !matches!(*value, Value::Null) => value.clone(),
        _ => return false,
    };
    push(regs, value);
    true
}

/// LOAD_ATTR when its cache holds (`attr_cache::cached_attr`).
#[inline(always)]
fn load_attr(vm: &Vm, regs: &mut Regs, arg: u32) -> bool {
    if !regs.holds(1) {
        return false;
    }
    let site = regs.cache_site();
    // SAFETY: `holds(1)`: the entry below `sp` is initialized, and no other reference to it
    // exists while `cached_attr` reads it.
    let top = unsafe { &mut *regs.sp.sub(1) };
    match super::attr_cache::cached_attr::<super::attr_cache::AsAttribute>(&vm.frame.code, site, arg, top) {
        Some(value) => {
            std::mem::replace(top, value).discard();
            regs.skip_cache_word();
            true
        }
        None => false,
    }
}

/// LOAD_METHOD when its cache holds: the object is replaced by the callable and `self` (or
/// NULL).
#[inline(always)]
fn load_method(vm: &Vm, regs: &mut Regs, arg: u32) -> bool {
    if !regs.holds(1) || regs.sp >= regs.limit {
        return false;
    }
    let site = regs.cache_site();
    let found = super::attr_cache::cached_attr::<super::attr_cache::AsMethodPair>(&vm.frame.code, site, arg, regs.peek(1));
    let Some((callable, with_self)) = found else {
        return false;
    };
    // SAFETY: `holds(1)`: the entry below `sp` is the initialized object, moved out once here
    // and replaced at once by the callable; the entry at `sp` is below `limit` (checked).
    unsafe {
        let slot = regs.sp.sub(1);
        let obj = slot.read();
        slot.write(callable);
        regs.sp.write(if with_self { obj } else {
            obj.discard();
            Value::Null
        });
        regs.sp = regs.sp.add(1);
    }
    regs.skip_cache_word();
    true
}

/// FOR_ITER over a list, tuple or range iterator (`handlers::next_of_sequence`). Exhausted, it
/// pops the iterator and jumps to `target` without polling for Ctrl-C, as the handler does.
#[inline(always)]
fn for_iter(vm: &Vm, regs: &mut Regs, target: u32) -> bool {
    // Checked first: once the iterator has stepped, the instruction must finish here.
    if !regs.holds(1) || regs.sp >= regs.limit {
        return false;
    }
    match super::handlers::next_of_sequence(regs.peek(1)) {
        None => false,
        Some(Some(item)) => {
            push(regs, item);
            true
        }
        Some(None) => {
            forget_top(regs, 1);
            // SAFETY: the entry at the lowered `sp` was the initialized iterator; it is past
            // the top now, so it is moved out exactly once.
            unsafe { regs.sp.read() }.discard();
            // A target past the end lands on the sentinel, which raises.
            regs.pc = vm.words.wrapping_add((target as usize).min(vm.words_len));
            true
        }
    }
}

/// COPY: push the `n`-th value from the top.
#[inline(always)]
fn copy(regs: &mut Regs, n: u32) -> bool {
    let n = n as usize;
    if n == 0 || !regs.holds(n) || regs.sp >= regs.limit {
        return false;
    }
    let value = regs.peek(n).clone();
    push(regs, value);
    true
}

/// SWAP: exchange the top with the `n`-th value from the top.
#[inline(always)]
fn swap(regs: &mut Regs, n: u32) -> bool {
    let n = n as usize;
    if n == 0 || !regs.holds(n) {
        return false;
    }
    // SAFETY: `holds(n)`: both entries are initialized stack entries (the same one when
    // `n == 1`, which `ptr::swap` allows).
    unsafe { std::ptr::swap(regs.sp.sub(1), regs.sp.sub(n)) };
    true
}

/// BINARY_OP on two ints or two floats (`handlers::binary_fast`).
#[inline(always)]
fn binary_op(regs: &mut Regs, arg: u32) -> bool {
    let Some((op, _)) = BinaryOp::from_arg(arg) else {
        return false;
    };
    if !regs.holds(2) {
        return false;
    }
    let Some(result) = super::handlers::binary_fast(op, regs.peek(2), regs.peek(1)) else {
        return false;
    };
    // The operands are ints or floats: they own nothing.
    forget_top(regs, 2);
    push(regs, result);
    true
}

/// BINARY_SUBSCR of a list or tuple by an int in range (`handlers::sequence_item`).
#[inline(always)]
fn binary_subscr(regs: &mut Regs) -> bool {
    if !regs.holds(2) {
        return false;
    }
    let Some(item) = super::handlers::sequence_item(regs.peek(2), regs.peek(1)) else {
        return false;
    };
    // The key is an int, which owns nothing.
    forget_top(regs, 2);
    // SAFETY: the entry at the lowered `sp` was the initialized sequence; it is past the top
    // now, so it is moved out exactly once, and the item takes its place.
    let sequence = unsafe { regs.sp.read() };
    push(regs, item);
    super::handlers::drop_sequence(sequence);
    true
}

/// STORE_ATTR when its cache holds (`attr_cache::cached_store_attr`).
#[inline(always)]
fn store_attr(vm: &Vm, regs: &mut Regs, arg: u32) -> Fast {
    if !regs.holds(2) {
        return Fast::Slow;
    }
    let site = regs.cache_site();
    // SAFETY: `holds(2)`: the top (the object) and the value below it are initialized. The
    // value is read out as a bitwise copy; the stack entry keeps it until the store takes it.
    let value = unsafe { regs.sp.sub(2).read() };
    match super::attr_cache::cached_store_attr(&vm.frame.code, site, arg, regs.peek(1), value) {
        Err(value) => {
            // Not taken: the stack entry still owns the value.
            std::mem::forget(value);
            Fast::Slow
        }
        Ok(stored) => {
            // The value was moved into the object (or dropped with an error): its stack
            // entry is forgotten, and the object popped.
            forget_top(regs, 1);
            // SAFETY: the entry at the lowered `sp` was the initialized object; it is past the
            // top now, so it is moved out exactly once.
            let obj = unsafe { regs.sp.read() };
            forget_top(regs, 1);
            obj.discard();
            regs.skip_cache_word();
            match stored {
                Ok(()) => Fast::Done,
                Err(err) => Fast::Raise(err),
            }
        }
    }
}

/// CALL of a plain Python function (`handlers::call`'s first case).
#[inline(always)]
fn call(vm: &mut Vm, regs: &mut Regs, nargs: u32) -> bool {
    let nargs = nargs as usize;
    if !regs.holds(nargs + 1) {
        return false;
    }
    let args = regs.sp.wrapping_sub(nargs);
    enter_plain_call(vm, regs, args.wrapping_sub(1), args)
}

/// CALL_METHOD of a plain Python function: `(function, NULL, args..)`, or `(function, self,
/// args..)` with `self` the first argument.
#[inline(always)]
fn call_method(vm: &mut Vm, regs: &mut Regs, nargs: u32) -> bool {
    let nargs = nargs as usize;
    if !regs.holds(nargs + 2) {
        return false;
    }
    let callable = regs.sp.wrapping_sub(nargs + 2);
    let marker = callable.wrapping_add(1);
    // SAFETY: `holds(nargs + 2)`: the marker entry is initialized.
    let args = if matches!(unsafe { &*marker }, Value::Null) { marker.wrapping_add(1) } else { marker };
    enter_plain_call(vm, regs, callable, args)
}

/// Push the frame of the function at `callable`, whose positional arguments are the values
/// from `args` to the top, when its code takes exactly those (`Code::plain_entry`) and
/// `push_frame` would do nothing but push (`Vm::frame_fits`, no generator close pending).
/// The caller checked that `callable` and `args` lie between `fp` and `sp`.
#[inline(always)]
fn enter_plain_call(vm: &mut Vm, regs: &mut Regs, callable: *mut Value, args: *mut Value) -> bool {
    // SAFETY: the caller checked `fp <= callable < sp`: an initialized entry.
    let Value::Function(func) = (unsafe { &*callable }) else {
        return false;
    };
    let code = &func.code;
    // SAFETY (both `offset_from`): `callable <= args <= sp <= limit` lie in the stack buffer.
    let nargs = unsafe { regs.sp.offset_from(args) } as usize;
    let room = unsafe { regs.limit.offset_from(args) } as usize;
    if !code.plain_entry || nargs != code.argcount as usize || crate::objects::generator::close_pending() || !vm.frame_fits(code, room) {
        return false;
    }
    let (code, globals) = (code.clone(), func.globals.clone());
    // The other locals start unbound.
    while regs.sp < args.wrapping_add(code.varnames.len()) {
        push(regs, Value::Null);
    }
    // SAFETY: `args` and `callable` point into the stack buffer (above), whose start is
    // `vm.stack`'s pointer; `pc` points into the running code's words.
    let (base, drop_below) = unsafe { (args.offset_from(vm.stack.as_ptr()) as usize, args.offset_from(callable) as u32) };
    vm.frame.pc = unsafe { regs.pc.offset_from(vm.words) } as usize;
    vm.enter_frame(Frame::plain_call(code, globals, base, drop_below));
    regs.pc = vm.words;
    regs.fp = args;
    true
}

/// RETURN_VALUE of a plain frame (`Frame::returns_plainly`): its slots and call entries are
/// dropped, the caller resumes with the value pushed.
#[inline(always)]
fn return_value(vm: &mut Vm, regs: &mut Regs) -> bool {
    let drop_below = vm.frame.drop_below as usize;
    let keep = regs.fp.wrapping_sub(drop_below);
    if !regs.holds(1) || !vm.frame.returns_plainly() || vm.frame.base < drop_below || vm.callers.len() < 2 {
        return false;
    }
    forget_top(regs, 1);
    // SAFETY: the entry at the lowered `sp` was the initialized top; it is past the top now,
    // so it is moved out once. `keep` is at or above the buffer's start (`frame.base >=
    // drop_below`) and at or below `fp`, below `sp`: the values from it to `sp` are the
    // frame's slots, evaluation stack and call entries, initialized and dropped once here.
    let value = unsafe { regs.sp.read() };
    unsafe {
        let count = regs.sp.offset_from(keep) as usize;
        regs.sp = keep;
        super::discard_values(keep, count);
    }
    if let Some(caller) = vm.callers.pop() {
        drop(vm.switch_frame(caller));
    }
    if crate::objects::generator::close_pending() {
        // Locals of the frame just left may have been suspended generators: close them with
        // the caller's state in `Vm`, as `handlers::return_value` does.
        regs.pc = regs_pc_of(vm);
        regs.store(vm);
        crate::objects::generator::run_pending_closes(vm);
        *regs = Regs::load(vm);
    } else {
        regs.pc = regs_pc_of(vm);
        regs.fp = vm.stack.as_mut_ptr().wrapping_add(vm.frame.base);
    }
    // The popped value left room, unless the closes above left values on the stack.
    if regs.sp < regs.limit {
        push(regs, value);
    } else {
        regs.store(vm);
        vm.push_value(value);
        *regs = Regs::load(vm);
    }
    true
}

/// The running frame's pc as a register (a pc past the end goes to the sentinel).
#[inline(always)]
fn regs_pc_of(vm: &Vm) -> *const Cell<u32> {
    vm.words.wrapping_add(vm.frame.pc.min(vm.words_len))
}
