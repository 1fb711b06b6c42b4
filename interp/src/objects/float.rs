//! `float`: repr (shortest round-trip, CPython's layout), hashing, methods.

use crate::objects::types::MethodTable;

/// Methods of `float`.
pub const METHODS: MethodTable = &[];
