//! Wordcode: the instruction table (`opcodes`), code objects (`code`) and the disassembler.

pub mod code;
pub mod dis;
pub mod opcodes;

pub use code::Code;
