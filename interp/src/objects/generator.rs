//! Generator objects: a suspended frame that `next()`, `send()`, `throw()` and `close()`
//! resume, and the Python-visible methods and attributes of the `generator` type.
//!
//! While a generator is suspended its `Frame` and its part of the value stack (local slots,
//! cells, evaluation stack) are stored here, off the shared stack; resuming copies them back
//! on top of the stack and pushes the frame (see `vm::generator` for the mechanics).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::bytecode::code::Code;
use crate::error::{PyErr, PyResult};
use crate::objects::str::PyStr;
use crate::objects::types::{MethodTable, TypeId};
use crate::value::{CallArgs, Value};
use crate::vm::generator::{self as vmgen, Resumed};
use crate::vm::{Frame, Vm};

/// Where a generator is in its life.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenState {
    /// Created by calling the generator function; its body has not started.
    Created,
    /// Stopped at a `yield`.
    Suspended,
    /// Its frame is on the VM's frame stack.
    Running,
    /// Returned, raised, or was closed: the frame is gone.
    Finished,
}

/// A generator object.
pub struct PyGenerator {
    pub name: Rc<PyStr>,
    pub qualname: Rc<PyStr>,
    pub code: Rc<Code>,
    pub(crate) state: Cell<GenState>,
    /// The frame while the generator is created or suspended (`base` is meaningless then).
    pub(crate) frame: RefCell<Option<Frame>>,
    /// The frame's stack region (slots, then the evaluation stack) while it is off-stack.
    /// Kept allocated between resumptions.
    pub(crate) saved_stack: RefCell<Vec<Value>>,
    /// Index of the instruction (FOR_ITER or SEND) that resumed the generator inside the
    /// dispatch loop; a `return` finishes that instruction on the generator's behalf.
    pub(crate) resumer_pc: Cell<usize>,
    /// The exception the generator's own code is handling while it is suspended inside an
    /// `except` block (`Value::None` otherwise); `Vm::handled` while it runs.
    pub(crate) handled: RefCell<Value>,
    /// While running: the resumer's `Vm::handled`, restored when the generator stops.
    pub(crate) resumer_handled: RefCell<Value>,
}

impl PyGenerator {
    /// A new generator over `frame` whose slots (arguments bound, cells made) are `slots`.
    pub fn new(name: Rc<PyStr>, qualname: Rc<PyStr>, frame: Frame, slots: Vec<Value>) -> PyGenerator {
        PyGenerator {
            name,
            qualname,
            code: frame.code.clone(),
            state: Cell::new(GenState::Created),
            frame: RefCell::new(Some(frame)),
            saved_stack: RefCell::new(slots),
            resumer_pc: Cell::new(0),
            handled: RefCell::new(Value::None),
            resumer_handled: RefCell::new(Value::None),
        }
    }

    pub fn state(&self) -> GenState {
        self.state.get()
    }

    /// Drop the frame and its values; the generator is finished.
    pub(crate) fn finish(&self) {
        self.state.set(GenState::Finished);
        let frame = self.frame.borrow_mut().take();
        let values = std::mem::take(&mut *self.saved_stack.borrow_mut());
        let handled = std::mem::replace(&mut *self.handled.borrow_mut(), Value::None);
        drop(frame);
        drop(values);
        drop(handled);
    }

    /// The iterator a suspended generator delegates to with `yield from`, if any.
    pub fn yield_from_target(&self) -> Option<Value> {
        if self.state.get() != GenState::Suspended {
            return None;
        }
        let frame = self.frame.borrow();
        let frame = frame.as_ref()?;
        if !vmgen::suspended_in_yield_from(&frame.code, frame.pc) {
            return None;
        }
        self.saved_stack.borrow().last().cloned()
    }

    /// The line a suspended or created generator will resume at.
    fn current_line(&self) -> Option<u32> {
        let frame = self.frame.borrow();
        let frame = frame.as_ref()?;
        Some(if self.state.get() == GenState::Created {
            frame.code.firstlineno
        } else {
            frame.code.line_at(frame.pc.saturating_sub(1))
        })
    }
}

/// The object of a generator method's `self`.
fn this<'a>(args: &CallArgs<'a>, method: &str) -> PyResult<&'a Rc<PyGenerator>> {
    match args.args.first() {
        Some(Value::Generator(g)) => Ok(g),
        Some(other) => Err(PyErr::type_error(format!(
            "descriptor '{method}' for 'generator' objects doesn't apply to a '{}' object",
            other.type_id().name()
        ))),
        None => Err(PyErr::type_error(format!("unbound method generator.{method}() needs an argument"))),
    }
}

fn no_keywords(args: &CallArgs<'_>, method: &str) -> PyResult<()> {
    if args.kwnames.is_empty() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!("generator.{method}() takes no keyword arguments")))
    }
}

/// `StopIteration` carrying a generator's return value (no args for `None`, like CPython).
pub fn stop_iteration_with(value: Value) -> PyErr {
    match value {
        Value::None => PyErr::stop_iteration(),
        v => PyErr::with_args(TypeId::StopIteration, vec![v]),
    }
}

/// `gen.send(value)`, also `next(gen)` with `None`: the next yielded value, or StopIteration
/// with the return value.
pub fn send(vm: &mut Vm, gen: &Rc<PyGenerator>, value: Value) -> PyResult<Value> {
    match vmgen::resume_from_rust(vm, gen, value)? {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(stop_iteration_with(v)),
    }
}

/// `next(gen)` for the iteration protocol: `None` when the generator is exhausted.
pub fn next(vm: &mut Vm, gen: &Rc<PyGenerator>) -> PyResult<Option<Value>> {
    match vmgen::resume_from_rust(vm, gen, Value::None)? {
        Resumed::Yielded(v) => Ok(Some(v)),
        Resumed::Returned(_) => Ok(None),
    }
}

fn gen_send(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let gen = this(&args, "send")?;
    no_keywords(&args, "send")?;
    if args.args.len() != 2 {
        return Err(PyErr::type_error(format!(
            "generator.send() takes exactly one argument ({} given)",
            args.args.len().saturating_sub(1)
        )));
    }
    send(vm, gen, args.args[1].clone())
}

fn gen_next(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let gen = this(&args, "__next__")?;
    if args.args.len() != 1 || !args.kwnames.is_empty() {
        return Err(PyErr::type_error(format!(
            "expected 0 arguments, got {}",
            args.args.len().saturating_sub(1)
        )));
    }
    match next(vm, gen)? {
        Some(v) => Ok(v),
        None => Err(PyErr::stop_iteration()),
    }
}

fn gen_iter(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let gen = this(&args, "__iter__")?;
    if args.args.len() != 1 || !args.kwnames.is_empty() {
        return Err(PyErr::type_error(format!(
            "expected 0 arguments, got {}",
            args.args.len().saturating_sub(1)
        )));
    }
    Ok(Value::Generator(gen.clone()))
}

/// The exception `throw(type[, value[, traceback]])` raises, built like CPython does.
pub fn exception_to_throw(vm: &mut Vm, typ: &Value, value: Option<&Value>) -> PyResult<PyErr> {
    let value = value.filter(|v| !matches!(v, Value::None));
    match typ {
        Value::Exception(e) => {
            if value.is_some() {
                return Err(PyErr::type_error("instance exception may not have a separate value"));
            }
            Ok(PyErr(e.clone()))
        }
        Value::Type(t) if t.base_builtin().is_exception() => {
            if let Some(Value::Exception(e)) = value {
                if e.ty.is_subtype_of(t) {
                    return Ok(PyErr(e.clone()));
                }
            }
            let made = match value {
                None => vm.call(typ, &[])?,
                Some(Value::Tuple(items)) => vm.call(typ, &items.items)?,
                Some(v) => vm.call(typ, std::slice::from_ref(v))?,
            };
            match made {
                Value::Exception(e) => Ok(PyErr(e)),
                other => Err(PyErr::type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    crate::ops::type_name(typ),
                    other.type_id().name()
                ))),
            }
        }
        other => Err(PyErr::type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            crate::objects::types::type_of(other).name
        ))),
    }
}

fn gen_throw(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let gen = this(&args, "throw")?;
    no_keywords(&args, "throw")?;
    let given = args.args.len().saturating_sub(1);
    if given == 0 {
        return Err(PyErr::type_error("throw expected at least 1 argument, got 0"));
    }
    if given > 3 {
        return Err(PyErr::type_error(format!("throw expected at most 3 arguments, got {given}")));
    }
    if let Some(tb) = args.args.get(3) {
        if !matches!(tb, Value::None) {
            return Err(PyErr::type_error("throw() third argument must be a traceback object"));
        }
    }
    let err = exception_to_throw(vm, &args.args[1], args.args.get(2))?;
    match vmgen::throw(vm, gen, err)? {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(stop_iteration_with(v)),
    }
}

fn gen_close(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let gen = this(&args, "close")?;
    if args.args.len() != 1 || !args.kwnames.is_empty() {
        return Err(PyErr::type_error(format!(
            "generator.close() takes no arguments ({} given)",
            args.args.len().saturating_sub(1)
        )));
    }
    vmgen::close(vm, gen)?;
    Ok(Value::None)
}

/// Methods of the `generator` type.
pub static METHODS: MethodTable = &[
    ("send", gen_send),
    ("throw", gen_throw),
    ("close", gen_close),
    ("__next__", gen_next),
    ("__iter__", gen_iter),
];

/// Data attributes of a generator (`gi_running`, `__name__`, ...).
pub fn attribute(gen: &Rc<PyGenerator>, name: &str) -> Option<Value> {
    Some(match name {
        "__name__" => Value::Str(gen.name.clone()),
        "__qualname__" => Value::Str(gen.qualname.clone()),
        "gi_running" => Value::bool(gen.state.get() == GenState::Running),
        "gi_suspended" => Value::bool(gen.state.get() == GenState::Suspended),
        "gi_code" => Value::Code(gen.code.clone()),
        "gi_yieldfrom" => gen.yield_from_target().unwrap_or(Value::None),
        "gi_frame" => match gen.state.get() {
            GenState::Finished => Value::None,
            _ => frame_info(gen),
        },
        "__doc__" => Value::None,
        _ => return None,
    })
}

/// A stand-in for a frame object (swallow has no frame objects): an instance of a small
/// `frame` type whose `__dict__` holds `f_lineno` and `f_code`.
fn frame_info(gen: &Rc<PyGenerator>) -> Value {
    thread_local! {
        static FRAME_TYPE: Rc<crate::objects::types::PyType> =
            crate::objects::types::PyType::new_native("frame", "builtins", &[]);
    }
    let line = gen.current_line().unwrap_or(gen.code.firstlineno);
    let dict = crate::objects::dict::PyDict::new();
    dict.set_str("f_lineno", Value::Int(line as i64));
    dict.set_str("f_code", Value::Code(gen.code.clone()));
    let class = FRAME_TYPE.with(|t| t.clone());
    Value::Object(Rc::new(crate::value::PyObject {
        class: RefCell::new(class),
        attrs: RefCell::new(crate::objects::instance_attrs::InstanceAttrs::Dict(Rc::new(dict))),
        slots: RefCell::new(Vec::new()),
        base_value: Value::Null,
        native: None,
    }))
}

/// `<generator object f at 0x...>`
pub fn repr(gen: &Rc<PyGenerator>, address: &str) -> String {
    format!("<generator object {} at {}>", gen.qualname.as_str(), address)
}

// ---- closing generators that are dropped while suspended ------------------------------------

thread_local! {
    /// Suspended generators that were dropped inside a `try`/`with` block, waiting for the VM
    /// to close them (their `finally`/`except GeneratorExit` code must run, as in CPython).
    static PENDING_CLOSE: RefCell<Vec<Rc<PyGenerator>>> = const { RefCell::new(Vec::new()) };
}

/// Set when `PENDING_CLOSE` is not empty: a plain load the VM polls at calls, returns and
/// backward jumps. (A process-wide flag; the queue it announces is per thread.)
static CLOSE_PENDING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// True when dropped generators are waiting to be closed.
#[inline(always)]
pub fn close_pending() -> bool {
    CLOSE_PENDING.load(std::sync::atomic::Ordering::Relaxed)
}

/// Close every generator dropped while suspended in a `try` block. An exception from
/// `close()` is reported on stderr ("Exception ignored in: ...") and otherwise ignored, like
/// CPython's finalizer does.
#[cold]
pub fn run_pending_closes(vm: &mut Vm) {
    CLOSE_PENDING.store(false, std::sync::atomic::Ordering::Relaxed);
    // In the order they were dropped (a frame's locals first to last, as CPython finalizes
    // them); closes that drop more generators queue a next batch.
    loop {
        let batch = PENDING_CLOSE.try_with(|p| std::mem::take(&mut *p.borrow_mut())).unwrap_or_default();
        if batch.is_empty() {
            break;
        }
        for gen in batch {
            if let Err(err) = vmgen::close(vm, &gen) {
                let what = repr(&gen, &crate::objects::repr::address(&Value::Generator(gen.clone())));
                let _ = crate::stdio::write_stderr(&format!("Exception ignored in: {what}\n"));
                crate::traceback::print_exception(vm, &err);
            }
            // Whatever happened, the finalizer runs once.
            gen.finish();
        }
    }
}

impl Drop for PyGenerator {
    fn drop(&mut self) {
        if self.state.get() != GenState::Suspended {
            return;
        }
        let in_try = match self.frame.get_mut() {
            Some(frame) => frame.code.handler_for(frame.pc.saturating_sub(1)).is_some(),
            None => false,
        };
        if !in_try {
            return;
        }
        // Move the suspended state into a new generator object the VM can close.
        let orphan = PyGenerator {
            name: self.name.clone(),
            qualname: self.qualname.clone(),
            code: self.code.clone(),
            state: Cell::new(GenState::Suspended),
            frame: RefCell::new(self.frame.get_mut().take()),
            saved_stack: RefCell::new(std::mem::take(self.saved_stack.get_mut())),
            resumer_pc: Cell::new(0),
            handled: RefCell::new(std::mem::replace(self.handled.get_mut(), Value::None)),
            resumer_handled: RefCell::new(Value::None),
        };
        let queued = PENDING_CLOSE.try_with(|p| p.borrow_mut().push(Rc::new(orphan))).is_ok();
        if queued {
            CLOSE_PENDING.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
}
