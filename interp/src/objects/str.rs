//! `str`: immutable UTF-8 text with a cached hash and character count, and its methods.

use std::cell::Cell;

use crate::objects::types::MethodTable;

/// A Python string. `char_len == s.len()` means the text is ASCII, so indexing is O(1).
pub struct PyStr {
    pub s: Box<str>,
    pub char_len: usize,
    /// Cached `hash()`; `HASH_UNSET` until computed.
    pub hash: Cell<i64>,
}

pub const HASH_UNSET: i64 = -1;

impl PyStr {
    pub fn new(s: String) -> PyStr {
        let char_len = if s.is_ascii() { s.len() } else { s.chars().count() };
        PyStr { s: s.into_boxed_str(), char_len, hash: Cell::new(HASH_UNSET) }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.s.len()
    }

    /// Python `hash(s)`: ahash of the bytes with a per-process random key (like CPython's
    /// randomized string hashing), never -1.
    pub fn hash_value(&self) -> i64 {
        let h = self.hash.get();
        if h != HASH_UNSET {
            return h;
        }
        let mut h = crate::objects::hash_bytes(self.s.as_bytes()) as i64;
        if h == HASH_UNSET {
            h = -2;
        }
        self.hash.set(h);
        h
    }
}

/// Methods of `str`.
pub const METHODS: MethodTable = &[];
