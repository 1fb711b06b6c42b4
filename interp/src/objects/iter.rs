//! Iterator objects: one `PyIterator` type whose state says what it walks.

use std::cell::RefCell;
use std::rc::Rc;

use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::value::{PyList, PyTuple, Value};

pub struct PyIterator {
    pub state: RefCell<IterKind>,
}

pub enum IterKind {
    List { list: Rc<PyList>, index: usize },
    Tuple { tuple: Rc<PyTuple>, index: usize },
    Range { next: i64, stop: i64, step: i64 },
    Str { s: Rc<PyStr>, byte_pos: usize },
    DictKeys { dict: Rc<PyDict>, index: usize },
    Enumerate { inner: Value, count: Value },
    Zip { iters: Vec<Value> },
    Map { func: Value, iters: Vec<Value> },
    Filter { func: Value, inner: Value },
    Exhausted,
}
