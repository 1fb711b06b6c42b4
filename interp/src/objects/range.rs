//! `range` methods and helpers.

use crate::objects::types::MethodTable;

/// Methods of `range`.
pub const METHODS: MethodTable = &[];
