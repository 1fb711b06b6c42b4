//! The compiler: ruff's AST -> symbol table -> code objects holding wordcode.
//!
//! `compile` parses with ruff (as Python 3.11), reports the first syntax error the way CPython
//! would, builds the symbol table (`symtable`), then generates code (`codegen`) that the
//! `assembler` turns into `Code` objects. It never panics on any input.

pub mod assembler;
pub mod codegen;
pub mod errors;
pub mod symtable;

use std::rc::Rc;

use ruff_python_ast::{Mod, PythonVersion};
use ruff_python_parser::ParseOptions;
use ruff_text_size::{Ranged, TextRange};

use crate::bytecode::Code;
use errors::LineIndex;

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

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.indentation { "IndentationError" } else { "SyntaxError" };
        write!(f, "{kind}: {} ({}, line {})", self.msg, self.filename, self.line)
    }
}

/// Compile `source` into a code object for its module body.
pub fn compile(source: &str, filename: &str, mode: Mode) -> Result<Rc<Code>, CompileError> {
    if source.len() >= u32::MAX as usize {
        // Positions are 32-bit offsets in the parser.
        return Err(CompileError {
            indentation: false,
            msg: "source code too large".into(),
            filename: filename.into(),
            line: 1,
            col: 0,
            end_col: 0,
            text: String::new(),
        });
    }
    let index = LineIndex::new(source);
    if let Some(nul) = source.find('\0') {
        let at = ruff_text_size::TextSize::from(nul as u32);
        let mut e = errors::error_at(&index, filename, TextRange::empty(at), "source code cannot contain null bytes", false);
        e.col = 0;
        e.end_col = 0;
        return Err(e);
    }
    let options =
        ParseOptions::from(ruff_python_parser::Mode::Module).with_target_version(PythonVersion::PY311);
    let parsed = ruff_python_parser::parse_unchecked(source, options);

    if let Some(err) = first_syntax_error(source, &index, filename, &parsed) {
        // A pathological (very deep) tree could overflow the stack while being dropped:
        // leak it instead, this only happens once per failed compilation.
        if err.msg == "too many nested parentheses" {
            std::mem::forget(parsed);
        }
        return Err(err);
    }

    let Mod::Module(module) = parsed.syntax() else {
        return Err(errors::error_at(&index, filename, TextRange::default(), "invalid syntax", false));
    };
    let table = match symtable::SymbolTable::build(&module.body, module.range) {
        Ok(t) => t,
        Err(e) => {
            let deep = e.msg.contains("maximum recursion depth");
            let err = errors::error_at(&index, filename, e.range, e.msg, false);
            if deep {
                std::mem::forget(parsed);
            }
            return Err(err);
        }
    };
    codegen::CodeGen::new(&index, filename, &table, mode).compile_module(&module.body)
}

/// The syntax error CPython would report first, if any: the earliest of the tokenizer's
/// bracket errors, ruff's parse errors and 3.11-version errors.
fn first_syntax_error(
    source: &str,
    index: &LineIndex,
    filename: &str,
    parsed: &ruff_python_parser::Parsed<Mod>,
) -> Option<CompileError> {
    let tokens = parsed.tokens();
    let mut best: Option<(u32, CompileError)> = None;
    let mut consider = |offset: u32, err: CompileError| {
        if best.as_ref().is_none_or(|(o, _)| offset < *o) {
            best = Some((offset, err));
        }
    };
    if let Some((range, msg, indentation)) = errors::tokenizer_error(source, index, tokens) {
        consider(u32::from(range.start()), errors::error_at(index, filename, range, msg, indentation));
    }
    let mut parse_errors: Vec<_> = parsed.errors().iter().collect();
    parse_errors.sort_by_key(|e| e.location.start());
    if let Some((e, err)) =
        parse_errors.iter().find_map(|e| errors::parse_error(source, index, filename, tokens, e).map(|err| (e, err)))
    {
        consider(u32::from(e.location.start()), err);
    }
    if let Some(e) = parsed.unsupported_syntax_errors().iter().min_by_key(|e| e.range().start()) {
        consider(u32::from(e.range().start()), errors::unsupported_syntax(index, filename, e));
    }
    best.map(|(_, e)| e)
}

#[cfg(test)]
mod tests;
