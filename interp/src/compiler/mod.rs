//! The compiler: ruff's AST -> symbol table -> code objects holding wordcode.

use std::rc::Rc;

use crate::bytecode::Code;

/// What a piece of source is compiled as.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// A whole module (a file, `-c`, stdin).
    Module,
    /// One REPL entry: expression statements print their non-None value (`sys.displayhook`).
    Interactive,
}

/// A SyntaxError or IndentationError found while parsing or compiling.
#[derive(Clone, Debug)]
pub struct CompileError {
    /// True for IndentationError (and TabError), false for SyntaxError.
    pub indentation: bool,
    pub msg: String,
    pub filename: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters), as CPython's `offset`.
    pub col: u32,
    /// 1-based end column when known (for `^^^` carets); 0 if unknown.
    pub end_col: u32,
    /// The offending source line, without its newline.
    pub text: String,
}

/// Compile `source` into a code object for its module body.
pub fn compile(_source: &str, filename: &str, _mode: Mode) -> Result<Rc<Code>, CompileError> {
    Err(CompileError {
        indentation: false,
        msg: "compiler not written yet".into(),
        filename: filename.into(),
        line: 1,
        col: 1,
        end_col: 0,
        text: String::new(),
    })
}
