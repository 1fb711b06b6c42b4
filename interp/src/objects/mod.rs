//! The builtin object kinds: their data structures and their methods.

pub mod args;
pub mod bytes;
pub mod class_new;
pub mod descriptors;
pub mod dunder;
pub mod instance;
pub mod instance_attrs;
pub mod dict;
pub mod exception;
pub mod float;
pub mod generator;
pub mod format;
pub mod int;
pub mod iter;
pub mod list;
pub mod number;
pub mod set;
pub mod str;
pub mod tuple;
pub mod range;
pub mod repr;
pub mod slice;
pub mod strformat;
pub mod unicode_tables;
pub mod types;

use std::sync::OnceLock;

use crate::objects::types::{MethodTable, TypeId};

/// The method table registered on builtin type `id`.
pub fn methods_of(id: TypeId) -> MethodTable {
    match id {
        TypeId::Str => str::METHODS,
        TypeId::List => list::METHODS,
        TypeId::Tuple => tuple::METHODS,
        TypeId::Dict => dict::METHODS,
        TypeId::Set => set::SET_METHODS,
        TypeId::FrozenSet => set::FROZENSET_METHODS,
        TypeId::Int => int::METHODS,
        TypeId::Float => float::METHODS,
        TypeId::Range => range::METHODS,
        TypeId::Bytes => bytes::BYTES_METHODS,
        TypeId::ByteArray => bytes::BYTEARRAY_METHODS,
        TypeId::BaseException => exception::METHODS,
        TypeId::Generator => generator::METHODS,
        _ => &[],
    }
}

fn hash_state() -> &'static ahash::RandomState {
    static STATE: OnceLock<ahash::RandomState> = OnceLock::new();
    STATE.get_or_init(ahash::RandomState::new)
}

/// Hash bytes with ahash under the per-process random key.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    hash_state().hash_one(bytes)
}

/// Spread a Python hash (which for small ints is the int itself) over all 64 bits, for the
/// hash tables' internal use.
#[inline]
pub fn mix_hash(py_hash: i64) -> u64 {
    let x = (py_hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}
