//! `set` and `frozenset`.

use std::cell::RefCell;

use crate::objects::types::MethodTable;
use crate::value::Value;

/// A set. Stub storage; the real table iterates in CPython's order for ints.
pub struct PySet {
    pub items: RefCell<Vec<Value>>,
}

pub const SET_METHODS: MethodTable = &[];
pub const FROZENSET_METHODS: MethodTable = &[];
