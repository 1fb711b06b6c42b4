//! The virtual machine: frames on one contiguous value stack, the call protocol, and the
//! entry points that run code. Instruction semantics live in `handlers`; the loop that picks
//! the next handler is a backend in `dispatch`.
//!
//! Frame layout on `Vm::stack`: `[.. callable (self|NULL)? | slot 0 .. slot n-1 | eval stack ..]`.
//! A Python-to-Python call does not recurse in Rust: `CALL` pushes a `Frame` whose slots start
//! where the caller left the arguments (so positional arguments are already in place), and
//! `RETURN_VALUE` pops it. Only calls made *from Rust* (a builtin calling a key function, say)
//! start a nested dispatch loop, which returns when its entry frame returns.

mod attr_cache;
mod call;
mod class_body;
pub mod dispatch;
pub mod generator;
mod handlers;
mod registers;
#[cfg(test)]
mod attr_cache_tests;
#[cfg(test)]
mod global_cache_tests;
pub mod import;
pub mod stats;
pub mod unwind;

use std::rc::Rc;

use crate::bytecode::opcodes::BinaryOp;
use crate::bytecode::Code;
use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::dunder::BinaryStep;
use crate::objects::str::PyStr;
use crate::value::{PyModule, TraceEntry, Value};

/// Default `sys.getrecursionlimit()`, as in CPython.
pub const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// One activation of a code object.
pub struct Frame {
    pub code: Rc<Code>,
    /// Index of the next word to execute.
    pub pc: usize,
    /// Stack index of slot 0.
    pub base: usize,
    /// Stack entries below `base` that belong to the call (callable, self/NULL marker) and are
    /// dropped on return.
    pub drop_below: u32,
    /// Returning from (or unwinding through) this frame ends the dispatch loop that runs it.
    pub entry: bool,
    /// What the frame's return value becomes: itself, or something a call pushed by an
    /// instruction other than CALL makes of it.
    pub on_return: OnReturn,
    pub globals: Rc<PyDict>,
    /// The namespace of a module or class body; `None` in functions. For a module it is the
    /// globals dict itself.
    pub locals: Option<Rc<PyDict>>,
}

impl Frame {
    /// The frame of a plain call (`Code::plain_entry`, exactly its positional arguments):
    /// slot 0 at stack index `base`, `drop_below` entries of the call below it.
    #[inline(always)]
    pub(crate) fn plain_call(code: Rc<Code>, globals: Rc<PyDict>, base: usize, drop_below: u32) -> Frame {
        Frame { code, pc: 0, base, drop_below, entry: false, on_return: OnReturn::Value, globals, locals: None }
    }

    /// Whether returning from this frame is the plain case: its value goes to the caller's
    /// stack as it is (not a generator's, not an `__init__` or operator method's, not the
    /// entry of a dispatch loop).
    #[inline(always)]
    pub(crate) fn returns_plainly(&self) -> bool {
        !self.entry && self.on_return == OnReturn::Value && self.code.flags & crate::bytecode::code::flags::GENERATOR == 0
    }
}

/// What returning from a frame delivers to its caller.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OnReturn {
    /// The returned value.
    Value,
    /// An `__init__` pushed by a class call (`Vm::enter_init`): it must return None, and the
    /// call's result is the new instance, kept in the stack entry just below its slots.
    Instance,
    /// A special method of a binary operator pushed by BINARY_OP (`Vm::enter_binary_method`):
    /// the operands are kept in the two stack entries below its slots, so that a
    /// `NotImplemented` result can go on with the operator protocol after `resume`.
    BinaryOp { op: BinaryOp, inplace: bool, resume: BinaryStep },
}

/// What a handler tells the dispatch loop.
///
/// `repr(u64)` makes `PyResult<Flow>` two words of integer/pointer type, which rustc lays out
/// as a scalar pair: a handler's result stays in registers instead of being written to a
/// stack slot and read back byte by byte at every dispatch (ARCHITECTURE.md, "Values").
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u64)]
pub enum Flow {
    /// Go on with the next instruction of the (possibly new) current frame.
    Next,
    /// The loop's entry frame returned; its value is in `Vm::return_value`.
    Exit,
}

/// The interpreter state of one thread.
pub struct Vm {
    /// The value stack shared by all frames.
    pub stack: Vec<Value>,
    /// The running frame. Replaced only through `switch_frame`, which keeps `words` and
    /// `words_len` pointing at its code's words.
    pub frame: Frame,
    /// `frame.code.words.as_ptr()` and `.len()`, cached for the dispatch loop's registers
    /// (`vm::registers`): loading the pc, or checking a jump's target, reads them from `Vm`
    /// instead of going through the `Rc<Code>` and the `Words` box.
    words: *const std::cell::Cell<u32>,
    words_len: usize,
    /// Suspended callers of `frame`, outermost first (index 0 is a placeholder bottom frame).
    pub callers: Vec<Frame>,
    /// Value returned by the entry frame of the innermost dispatch loop.
    pub return_value: Value,
    /// `builtins` namespace (LOAD_GLOBAL's fallback).
    pub builtins: Rc<PyDict>,
    /// `sys.modules`.
    pub modules: Rc<PyDict>,
    /// `sys.argv`.
    pub argv: Vec<String>,
    pub recursion_limit: usize,
    /// Current depth of nested reprs (guards `repr` of self-containing/deep structures).
    pub repr_depth: usize,
    /// Import bookkeeping (modules being initialized).
    pub imports: import::ImportState,
    /// The exception being handled (`sys.exc_info()`, bare `raise`): `Value::Exception`, or
    /// `Value::None` outside handlers. Saved and restored on the value stack by
    /// `PUSH_EXC_INFO`/`POP_EXCEPT` (see `unwind`).
    pub handled: Value,
    /// Set by a re-raise just before it returns its error: the unwinder then adds no
    /// traceback entry for the raising frame.
    pub reraising: bool,
    /// Generators whose frames are on the frame stack, innermost last (see `vm::generator`).
    pub generators: Vec<Rc<crate::objects::generator::PyGenerator>>,
    /// Counters for `swallow --stats`; `None` (the plain dispatch loop runs) unless asked for.
    pub stats: Option<Box<stats::Stats>>,
}

/// `vec.push(item)` with the growth out of line. The standard `push` (through
/// `Vec::push_mut`) stays an out-of-line call on some hot paths (the value stack's pushes on
/// the return path, the caller frames a call suspends, an instance attribute appended by
/// STORE_ATTR), where this is a capacity test and a store.
#[inline(always)]
pub(crate) fn push_fast<T>(vec: &mut Vec<T>, item: T) {
    let len = vec.len();
    if len == vec.capacity() {
        grow_by_one(vec);
    }
    // SAFETY: `len < capacity` now (checked, or `grow_by_one` reserved room), so the slot at
    // `len` is inside the allocation and uninitialized; it is written before the length
    // covers it.
    unsafe {
        vec.as_mut_ptr().add(len).write(item);
        vec.set_len(len + 1);
    }
}

/// Room for one more item in a full vector (`push_fast`'s rare path).
#[cold]
#[inline(never)]
fn grow_by_one<T>(vec: &mut Vec<T>) {
    vec.reserve(1);
}

/// `stack.truncate(keep)`, dropping the values in the same order (first to last), each
/// through `Value::discard`: `truncate` drops every slot through an out-of-line call of the
/// drop glue, where most slots of a returning frame hold ints, floats, nothing or instances.
#[inline(always)]
fn discard_above(stack: &mut Vec<Value>, keep: usize) {
    let len = stack.len();
    if keep >= len {
        return;
    }
    // SAFETY: entries `keep..len` are initialized. `set_len(keep)` first hands them over to
    // this loop (the vector no longer drops or exposes them), which reads each exactly once
    // and drops it; `keep < len <= capacity`, so every pointer is inside the allocation. A
    // panicking drop would leak the entries after it, never drop one twice.
    unsafe {
        stack.set_len(keep);
        discard_values(stack.as_mut_ptr().add(keep), len - keep);
    }
}

/// Drop the `count` values from `first` on, first to last, each through `Value::discard`.
///
/// # Safety
/// The `count` values from `first` on are initialized and owned by the caller, which no longer
/// reads or drops them.
#[inline(always)]
unsafe fn discard_values(first: *mut Value, count: usize) {
    for i in 0..count {
        // SAFETY: the caller's contract: each is read (moved out) exactly once.
        unsafe { std::ptr::read(first.add(i)).discard() };
    }
}

/// An empty code object for the placeholder bottom frame.
fn placeholder_code() -> Rc<Code> {
    let empty: Rc<str> = Rc::from("");
    Rc::new(Code {
        words: crate::bytecode::code::Words::empty(),
        lines: Box::new([]),
        consts: Box::new([]),
        names: Box::new([]),
        global_cache: Box::new([]),
        attr_cache: Box::new([]),
        varnames: Box::new([]),
        cellvars: Box::new([]),
        freevars: Box::new([]),
        cell_params: Box::new([]),
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        flags: 0,
        stacksize: 0,
        name: empty.clone(),
        qualname: empty.clone(),
        filename: empty,
        firstlineno: 0,
        exception_table: Box::new([]),
        doc: Value::None,
        plain_entry: false,
    })
}

impl Vm {
    pub fn new(argv: Vec<String>) -> Vm {
        let builtins = crate::builtins::make_builtins();
        let bottom = Frame {
            code: placeholder_code(),
            pc: 0,
            base: 0,
            drop_below: 0,
            entry: true,
            on_return: OnReturn::Value,
            globals: builtins.clone(),
            locals: None,
        };
        Vm {
            stack: Vec::with_capacity(4096),
            words: bottom.code.words.as_ptr(),
            words_len: bottom.code.words.len(),
            frame: bottom,
            callers: Vec::with_capacity(64),
            return_value: Value::None,
            builtins,
            modules: Rc::new(PyDict::new()),
            argv,
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            repr_depth: 0,
            imports: import::ImportState::default(),
            handled: Value::None,
            reraising: false,
            generators: Vec::new(),
            stats: None,
        }
    }

    /// Call any callable with positional arguments. Python functions run in a nested dispatch
    /// loop until they return.
    pub fn call(&mut self, callable: &Value, args: &[Value]) -> PyResult<Value> {
        self.call_kw(callable, args, &[])
    }

    /// Call with keyword arguments: the last `kwnames.len()` of `args` are keyword values.
    pub fn call_kw(&mut self, callable: &Value, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
        call::call_from_rust(self, callable, args, kwnames)
    }

    /// Run a module's code object with `globals` as its namespace.
    pub fn run_module_code(&mut self, code: Rc<Code>, globals: Rc<PyDict>) -> PyResult<Value> {
        if globals.get_str("__builtins__").is_none() {
            globals.set_str("__builtins__", Value::Dict(self.builtins.clone()));
        }
        let base = self.stack.len();
        self.push_frame(Frame {
            pc: 0,
            base,
            drop_below: 0,
            entry: true,
            on_return: OnReturn::Value,
            locals: Some(globals.clone()),
            globals,
            code,
        })?;
        dispatch::run(self)
    }

    /// Create a fresh `__main__` module, registered in `sys.modules`.
    pub fn new_main_module(&mut self) -> Rc<PyModule> {
        let dict = Rc::new(PyDict::new());
        dict.set_str("__name__", Value::str("__main__"));
        dict.set_str("__doc__", Value::None);
        dict.set_str("__package__", Value::None);
        dict.set_str("__spec__", Value::None);
        dict.set_str("__builtins__", Value::Dict(self.builtins.clone()));
        let module = Rc::new(PyModule { name: Rc::new(PyStr::new("__main__".into())), dict });
        let _ = self.modules.set(Value::str("__main__"), Value::Module(module.clone()));
        module
    }

    /// Number of Python frames currently active.
    pub fn depth(&self) -> usize {
        self.callers.len()
    }

    /// Make `frame` the running frame, checking the recursion limit.
    #[inline(always)]
    pub(crate) fn push_frame(&mut self, frame: Frame) -> PyResult<()> {
        // callers[0] is the placeholder; after the push the active Python frames number
        // callers.len() (the old frames except the placeholder, plus the new one).
        if let Err(interrupt) = crate::signals::check() {
            self.stack.truncate(frame.base - frame.drop_below as usize);
            return Err(interrupt);
        }
        if self.callers.len() + 1 > self.recursion_limit {
            // Drop the prepared slots and call marker so the stack stays balanced.
            self.stack.truncate(frame.base - frame.drop_below as usize);
            return Err(PyErr::recursion_error());
        }
        let slots_end = frame.base + frame.code.nslots() + frame.code.stacksize as usize;
        if slots_end > self.stack.capacity() {
            let extra = slots_end - self.stack.len();
            if self.stack.try_reserve(extra).is_err() {
                return Err(PyErr::memory_error());
            }
        }
        self.enter_frame(frame);
        Ok(())
    }

    /// Whether `push_frame` would push a frame of `code` without raising or growing the stack
    /// (no Ctrl-C pending, under the recursion limit, `room` stack entries free for its slots
    /// and evaluation stack): the dispatch registers push a plain call's frame themselves then.
    #[inline(always)]
    pub(crate) fn frame_fits(&self, code: &Code, room: usize) -> bool {
        !crate::signals::pending()
            && self.callers.len() < self.recursion_limit
            && code.nslots() + code.stacksize as usize <= room
    }

    /// Make `frame` the running frame, its caller suspended (`push_frame` after its checks).
    #[inline(always)]
    pub(crate) fn enter_frame(&mut self, frame: Frame) {
        let caller = self.switch_frame(frame);
        push_fast(&mut self.callers, caller);
    }

    /// Make `frame` the running frame and return the one it replaces. The only way `frame`
    /// changes, so the cached words always belong to the running frame's code.
    #[inline(always)]
    pub(crate) fn switch_frame(&mut self, frame: Frame) -> Frame {
        self.words = frame.code.words.as_ptr();
        self.words_len = frame.code.words.len();
        std::mem::replace(&mut self.frame, frame)
    }

    /// Leave the running frame: drop its slots and call marker and resume its caller.
    /// Returns whether the frame was a loop entry.
    #[inline]
    pub(crate) fn pop_frame(&mut self) -> bool {
        let keep = self.frame.base - self.frame.drop_below as usize;
        discard_above(&mut self.stack, keep);
        let entry = self.frame.entry;
        if let Some(caller) = self.callers.pop() {
            self.switch_frame(caller);
        }
        entry
    }

    /// Hand `value` to the caller of a frame just left: the result of the dispatch loop when
    /// that frame was its entry (`entry`), else pushed on the caller's stack.
    #[inline(always)]
    pub(crate) fn deliver_to_caller(&mut self, entry: bool, value: Value) -> PyResult<Flow> {
        if entry {
            self.return_value = value;
            return Ok(Flow::Exit);
        }
        self.push_value(value);
        Ok(Flow::Next)
    }

    /// `stack.push(value)`, with the growth out of line (`push_fast`).
    #[inline(always)]
    pub(crate) fn push_value(&mut self, value: Value) {
        push_fast(&mut self.stack, value);
    }

    /// The traceback line for the running frame (the instruction that was executing).
    pub(crate) fn trace_entry(&self) -> TraceEntry {
        let code = &self.frame.code;
        TraceEntry {
            filename: code.filename.clone(),
            name: code.name.clone(),
            line: code.line_at(self.frame.pc.saturating_sub(1)),
        }
    }
}

#[cfg(test)]
mod push_tests {
    #[test]
    fn push_fast_grows_a_full_vector_and_keeps_every_item() {
        let mut items: Vec<String> = Vec::with_capacity(2);
        for i in 0..100 {
            super::push_fast(&mut items, i.to_string());
        }
        assert_eq!(items.len(), 100);
        assert!(items.iter().enumerate().all(|(i, s)| *s == i.to_string()));
        let mut empty: Vec<u8> = Vec::new();
        super::push_fast(&mut empty, 7);
        assert_eq!(empty, [7]);
    }
}
