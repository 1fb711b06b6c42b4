//! Builtin modules implemented in Rust (`sys`), created on first import.

pub mod sys;
