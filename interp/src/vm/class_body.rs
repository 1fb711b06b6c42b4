//! Running a class body: the body is compiled like a function without parameters whose
//! names live in a namespace dict (`Frame::locals`) instead of fast slots.

use std::rc::Rc;

use super::{dispatch, Frame, OnReturn, Vm};
use crate::error::PyResult;
use crate::objects::dict::PyDict;
use crate::value::{PyFunction, Value};

impl Vm {
    /// Run the class body `func` with `namespace` as its locals, in a nested dispatch loop.
    pub(crate) fn run_class_body(&mut self, func: &Rc<PyFunction>, namespace: Rc<PyDict>) -> PyResult<Value> {
        let code = func.code.clone();
        self.stack.push(Value::Null);
        let base = self.stack.len();
        let nslots = code.nslots();
        if self.stack.try_reserve(nslots).is_err() {
            self.stack.truncate(base - 1);
            return Err(crate::error::PyErr::memory_error());
        }
        for _ in 0..nslots {
            self.stack.push(Value::Null);
        }
        if !code.cellvars.is_empty() || !code.freevars.is_empty() {
            self.init_cells(func, base);
        }
        self.push_frame(Frame {
            code,
            pc: 0,
            base,
            drop_below: 1,
            entry: true,
            on_return: OnReturn::Value,
            globals: func.globals.clone(),
            locals: Some(namespace),
        })?;
        dispatch::run(self)
    }
}
