//! The `collections` module: `deque` (deque.rs), and the dict and tuple subclasses
//! `defaultdict`, `OrderedDict`, `Counter`, `namedtuple`.

pub mod deque;

use std::rc::Rc;

use crate::error::PyResult;
use crate::value::{PyModule, Value};
use crate::vm::Vm;

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("collections");
    let deque = deque::deque_type();
    deque.dict.set_str("__hash__", Value::None);
    m.add("deque", Value::Type(deque));
    Ok(m)
}
