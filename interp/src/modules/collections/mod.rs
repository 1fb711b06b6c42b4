//! The `collections` module: `deque` (deque.rs), and the dict and tuple subclasses
//! `defaultdict`, `OrderedDict`, `Counter`, `namedtuple`.

pub mod abc;
pub mod deque;
pub mod dicts;
pub mod namedtuple;

use std::rc::Rc;

use crate::error::PyResult;
use crate::value::{PyModule, Value};
use crate::vm::Vm;

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("collections");
    let deque = deque::deque_type();
    deque.dict.set_str("__hash__", Value::None);
    m.add("deque", Value::Type(deque));
    let dict_types = dicts::types();
    m.add("Counter", Value::Type(dict_types.counter));
    m.add("defaultdict", Value::Type(dict_types.defaultdict));
    m.add("OrderedDict", Value::Type(dict_types.ordered));
    namedtuple::add_to(&m);
    // A package, so that `collections.abc` can be imported.
    m.add("__path__", Value::list(Vec::new()));
    m.add("__package__", Value::str("collections"));
    Ok(m)
}
