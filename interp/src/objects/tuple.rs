//! `tuple` methods and helpers.

use crate::objects::types::MethodTable;

/// Methods of `tuple`.
pub const METHODS: MethodTable = &[];
