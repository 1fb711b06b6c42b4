//! Ctrl-C: a SIGINT handler that only sets a flag, polled by the VM on backward jumps and on
//! calls, where it raises KeyboardInterrupt in the running Python code (like CPython, which
//! exits with status 130 when it is not caught).

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{PyErr, PyResult};
use crate::objects::types::TypeId;

/// Set by the signal handler, cleared when the KeyboardInterrupt is raised.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_sigint(_signal: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Install the SIGINT handler (once, at startup, before the interpreter thread starts).
pub fn install() {
    let handler: extern "C" fn(libc::c_int) = on_sigint;
    // SAFETY: `on_sigint` is a valid `extern "C"` handler that performs only an atomic store,
    // which is async-signal-safe; replacing the SIGINT disposition affects nothing else.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
    }
}

/// Record an interrupt as if SIGINT had arrived (for tests and embedders).
pub fn simulate_interrupt() {
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Whether Ctrl-C was pressed since the last `check` (which is then due).
#[inline(always)]
pub fn pending() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

/// Raise KeyboardInterrupt if Ctrl-C was pressed since the last check.
#[inline(always)]
pub fn check() -> PyResult<()> {
    if INTERRUPTED.load(Ordering::Relaxed) {
        return Err(interrupted());
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn interrupted() -> PyErr {
    INTERRUPTED.store(false, Ordering::Relaxed);
    PyErr::with_args(TypeId::KeyboardInterrupt, vec![])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interrupt_is_raised_once() {
        simulate_interrupt();
        assert!(check().is_err_and(|e| e.matches(TypeId::KeyboardInterrupt)));
        assert!(check().is_ok());
    }
}
