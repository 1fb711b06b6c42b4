//! `int`: i64 fast paths, transparent promotion to BigInt, hashing, methods.

use crate::objects::types::MethodTable;

/// Modulus of Python's numeric hash (2**61 - 1).
pub const HASH_MODULUS: i64 = (1 << 61) - 1;

/// Python `hash()` of an int that fits in i64.
pub fn hash_i64(x: i64) -> i64 {
    let h = if x >= 0 {
        x % HASH_MODULUS
    } else {
        -((x.unsigned_abs() % HASH_MODULUS as u64) as i64)
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Methods of `int`.
pub const METHODS: MethodTable = &[];
