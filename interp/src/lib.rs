//! swallow: a lean, fast Python 3 interpreter.
//!
//! Pipeline: source --ruff_python_parser--> AST --`compiler`--> `bytecode::Code` (wordcode)
//! --`vm`--> values (`value`, `objects`), with `ops` holding the generic operations and
//! `builtins` the builtin namespace.

pub mod builtins;
pub mod bytecode;
pub mod cli;
pub mod compiler;
pub mod embed;
pub mod error;
pub mod gc;
pub mod modules;
pub mod objects;
pub mod ops;
pub mod oserror;
pub mod repl;
pub mod run;
pub mod signals;
pub mod stdio;
pub mod traceback;
pub mod value;
pub mod vm;

/// The version `swallow --version` prints.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
