//! Exception unwinding and the instructions of `try`/`except`/`finally`/`with`.
//!
//! A raised exception looks up the raising instruction in the running code's exception table
//! (`Code::handler_for`). With a handler, the frame's evaluation stack is cut back to the
//! handler's depth, the exception is pushed and execution jumps there; without one, the frame
//! is popped and the search goes on in its caller, up to the entry frame of the dispatch loop.
//! Nothing is set up on entry to a `try`: the non-raising path costs nothing.
//!
//! The "currently handled exception" (`Vm::handled`, what a bare `raise` and `sys.exc_info()`
//! see) is saved on the value stack by `PUSH_EXC_INFO` when a handler starts and restored by
//! `POP_EXCEPT`, so a frame's exception state lives in its own stack region (a suspended
//! generator frame carries it along).

use std::rc::Rc;

use super::{Flow, Vm};
use crate::error::{PyErr, PyResult};
use crate::objects::types::type_of;
use crate::value::{PyException, PyMethod, Value};

type Step = PyResult<Flow>;

impl Vm {
    #[inline]
    fn pop_value(&mut self) -> Value {
        self.stack.pop().unwrap_or_else(|| Value::None)
    }
}

const NEXT: Step = Ok(Flow::Next);

/// Find a handler for `err`, starting at the running frame: on success the VM is positioned
/// at the handler (`Ok`); otherwise every frame up to and including the loop's entry frame has
/// been popped and the error comes back (`Err`). Adds one traceback entry per frame the
/// exception passes through, except for the raising frame of a re-raise.
pub(crate) fn unwind_to_handler(vm: &mut Vm, mut err: PyErr) -> PyResult<()> {
    let reraise = std::mem::take(&mut vm.reraising);
    if !reraise {
        let entry = vm.trace_entry();
        err.0.traceback.borrow_mut().insert(0, entry);
        if !err.0.chained.get() {
            chain_context(vm, &err.0);
        }
    }
    loop {
        let pc = vm.frame.pc.saturating_sub(1);
        if let Some(entry) = vm.frame.code.handler_for(pc).copied() {
            let depth = vm.frame.base + vm.frame.code.nslots() + entry.depth as usize;
            if depth <= vm.stack.len() {
                vm.stack.truncate(depth);
                vm.stack.push(Value::Exception(err.0));
                vm.frame.pc = entry.target as usize;
                return Ok(());
            }
        }
        if vm.frame.code.flags & crate::bytecode::code::flags::GENERATOR != 0 {
            err = super::generator::frame_unwound(vm, err);
        }
        if vm.pop_frame() {
            return Err(err);
        }
        let entry = vm.trace_entry();
        err.0.traceback.borrow_mut().insert(0, entry);
    }
}

/// Implicit chaining: an exception raised while another is being handled gets the handled one
/// as its `__context__` (unless it is that very exception). A cycle that this would create
/// through older contexts is cut, as CPython does.
pub(crate) fn chain_context(vm: &Vm, exc: &Rc<PyException>) {
    exc.chained.set(true);
    let Value::Exception(handled) = &vm.handled else { return };
    if Rc::ptr_eq(handled, exc) {
        return;
    }
    let mut link = handled.clone();
    let mut steps = 0;
    loop {
        let next = link.context.borrow().clone();
        match next {
            Some(next) if Rc::ptr_eq(&next, exc) => {
                *link.context.borrow_mut() = None;
                break;
            }
            Some(next) if steps < 10_000 => {
                link = next;
                steps += 1;
            }
            _ => break,
        }
    }
    *exc.context.borrow_mut() = Some(handled.clone());
}

/// The exception a `raise X` statement raises: an instance is raised as is, a class is
/// instantiated without arguments; anything else is a TypeError.
fn exception_from(vm: &mut Vm, v: Value, what: &str) -> PyResult<Rc<PyException>> {
    match v {
        Value::Exception(e) => Ok(e),
        Value::Type(ref t) if t.base_builtin().is_exception() => match vm.call(&v, &[])? {
            Value::Exception(e) => Ok(e),
            other => {
                let class = crate::ops::repr(vm, &v)?;
                let returned = crate::ops::repr(vm, &Value::Type(type_of(&other)))?;
                Err(PyErr::type_error(format!(
                    "calling {class} should have returned an instance of BaseException, not {returned}"
                )))
            }
        },
        _ => Err(PyErr::type_error(what.to_owned())),
    }
}

/// `RAISE_VARARGS`: 0 re-raises the handled exception, 1 raises TOS, 2 raises TOS1 from TOS.
pub(crate) fn raise_varargs(vm: &mut Vm, arg: u32) -> Step {
    match arg {
        0 => match &vm.handled {
            Value::Exception(e) => {
                let e = e.clone();
                vm.reraising = true;
                Err(PyErr(e))
            }
            _ => Err(PyErr::runtime_error("No active exception to reraise")),
        },
        1 => {
            let v = vm.pop_value();
            let exc = exception_from(vm, v, "exceptions must derive from BaseException")?;
            chain_context(vm, &exc);
            Err(PyErr(exc))
        }
        _ => {
            let cause = vm.pop_value();
            let v = vm.pop_value();
            let exc = exception_from(vm, v, "exceptions must derive from BaseException")?;
            let cause = match cause {
                Value::None => None,
                other => Some(exception_from(vm, other, "exception causes must derive from BaseException")?),
            };
            *exc.cause.borrow_mut() = cause;
            exc.suppress_context.set(true);
            chain_context(vm, &exc);
            Err(PyErr(exc))
        }
    }
}

/// `PUSH_EXC_INFO`: a handler starts; the exception becomes the handled one and the previous
/// one is saved below it.
pub(crate) fn push_exc_info(vm: &mut Vm, _arg: u32) -> Step {
    let exc = vm.pop_value();
    let previous = std::mem::replace(&mut vm.handled, exc.clone());
    vm.stack.push(previous);
    vm.stack.push(exc);
    NEXT
}

/// `POP_EXCEPT`: a handler ends; the saved exception is the handled one again.
pub(crate) fn pop_except(vm: &mut Vm, _arg: u32) -> Step {
    let previous = vm.pop_value();
    vm.handled = match previous {
        Value::Exception(_) => previous,
        _ => Value::None,
    };
    NEXT
}

/// Is `class` an exception class that `except` may name?
fn check_catchable(class: &Value) -> PyResult<()> {
    match class {
        Value::Type(t) if t.base_builtin().is_exception() => Ok(()),
        _ => Err(PyErr::type_error("catching classes that do not inherit from BaseException is not allowed")),
    }
}

/// `CHECK_EXC_MATCH`: does the exception (TOS1) match the class or tuple of classes (TOS)?
pub(crate) fn check_exc_match(vm: &mut Vm, _arg: u32) -> Step {
    let classes = vm.pop_value();
    let exc_type = type_of(vm.stack.last().unwrap_or(&Value::None));
    let matched = match &classes {
        Value::Tuple(t) => {
            for class in t.items.iter() {
                check_catchable(class)?;
            }
            t.items.iter().any(|c| matches!(c, Value::Type(t) if exc_type.is_subtype_of(t)))
        }
        other => {
            check_catchable(other)?;
            matches!(other, Value::Type(t) if exc_type.is_subtype_of(t))
        }
    };
    vm.stack.push(Value::bool(matched));
    NEXT
}

/// `RERAISE`: raise TOS again; the traceback keeps pointing where it was first raised.
pub(crate) fn reraise(vm: &mut Vm, _arg: u32) -> Step {
    match vm.pop_value() {
        Value::Exception(e) => {
            vm.reraising = true;
            Err(PyErr(e))
        }
        _ => Err(PyErr::runtime_error("internal error: RERAISE of a non-exception")),
    }
}

/// A special method looked up on the type of `obj` (not on the instance), bound to it.
fn special_method(obj: &Value, name: &'static str) -> Option<Value> {
    let attr = crate::objects::instance::lookup_static(&type_of(obj), name)?;
    Some(match attr {
        Value::Function(_) => Value::Method(Rc::new(PyMethod { func: attr, self_value: obj.clone() })),
        Value::Native(ref n) if n.is_method => {
            Value::Method(Rc::new(PyMethod { func: attr, self_value: obj.clone() }))
        }
        other => other,
    })
}

/// `BEFORE_WITH`: look up `__enter__` and `__exit__` on the manager's type.
pub(crate) fn before_with(vm: &mut Vm, _arg: u32) -> Step {
    let manager = vm.pop_value();
    let unsupported = || {
        PyErr::type_error(format!(
            "'{}' object does not support the context manager protocol",
            type_of(&manager).name
        ))
    };
    let enter = crate::objects::instance::lookup_static(&type_of(&manager), "__enter__").ok_or_else(unsupported)?;
    let exit = special_method(&manager, "__exit__").ok_or_else(|| {
        PyErr::type_error(format!(
            "'{}' object does not support the context manager protocol (missed __exit__ method)",
            type_of(&manager).name
        ))
    })?;
    vm.stack.push(exit);
    match enter {
        // (function, self) for CALL_METHOD 0.
        Value::Function(_) => {
            vm.stack.push(enter);
            vm.stack.push(manager);
        }
        Value::Native(ref n) if n.is_method => {
            vm.stack.push(enter);
            vm.stack.push(manager);
        }
        other => {
            vm.stack.push(other);
            vm.stack.push(Value::Null);
        }
    }
    NEXT
}

/// `WITH_EXCEPT_START`: push the `__exit__(type, value, traceback)` call for the exception on
/// TOS (the stack is exit, previous handled exception, exception).
pub(crate) fn with_except_start(vm: &mut Vm, _arg: u32) -> Step {
    let len = vm.stack.len();
    if len < 3 {
        return Err(PyErr::runtime_error("internal error: stack underflow in WITH_EXCEPT_START"));
    }
    let exit = vm.stack[len - 3].clone();
    let exc = vm.stack[len - 1].clone();
    let traceback = match &exc {
        Value::Exception(e) => crate::objects::exception::traceback_value(e),
        _ => Value::None,
    };
    vm.stack.push(exit);
    vm.stack.push(Value::Type(type_of(&exc)));
    vm.stack.push(exc);
    vm.stack.push(traceback);
    NEXT
}

/// `sys.exc_info()`: (type, value, traceback) of the handled exception, or three Nones.
pub fn exc_info(vm: &Vm) -> Value {
    match &vm.handled {
        Value::Exception(e) => Value::tuple(vec![
            Value::Type(e.ty.clone()),
            vm.handled.clone(),
            crate::objects::exception::traceback_value(e),
        ]),
        _ => Value::tuple(vec![Value::None, Value::None, Value::None]),
    }
}

/// The exception `sys.exception()` returns (None when nothing is handled).
pub fn handled_exception(vm: &Vm) -> Value {
    vm.handled.clone()
}
