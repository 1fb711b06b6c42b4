//! `list` methods and helpers.

use crate::objects::types::MethodTable;

/// Methods of `list`.
pub const METHODS: MethodTable = &[];
