//! Code generation for `try`/`except`/`else`/`finally` and `with`, and the cleanups that
//! `return`, `break` and `continue` run for the blocks they leave.
//!
//! Protected code is marked with exception handlers in the assembler (`new_handler` /
//! `set_handler`), which become the code object's exception table; nothing is executed on
//! entry to a `try`. Shapes (stack effects in brackets, `d` the depth at the statement):
//!
//! ```text
//! try/except:   body (handler H)            else-body        JUMP end
//!   H [exc]:    PUSH_EXC_INFO [prev, exc]   (handler C from here)
//!               per clause: <type> CHECK_EXC_MATCH POP_JUMP_IF_FALSE next
//!                           STORE name | POP_TOP [prev]; body; POP_EXCEPT; JUMP end
//!               RERAISE                      (no clause matched)
//!   C [prev, exc2]: SWAP 2; POP_EXCEPT; RERAISE
//! try/finally:  body (handler H)  finalbody  JUMP end
//!   H [exc]:    PUSH_EXC_INFO (handler C) finalbody RERAISE
//! with:         <mgr> BEFORE_WITH CALL_METHOD 0 [exit, value] (handler H from here)
//!               STORE target | POP_TOP; body; exit(None, None, None); POP_TOP
//!   H [exit, exc]: PUSH_EXC_INFO (handler C) WITH_EXCEPT_START CALL 3
//!               POP_JUMP_IF_TRUE suppress; RERAISE
//!   suppress:   POP_TOP; POP_EXCEPT; POP_TOP; JUMP end
//! ```
//!
//! A named `except E as name:` body has its own handler that unbinds `name` before
//! re-raising, and `name` is unbound after the body like in CPython.

use std::rc::Rc;

use ruff_python_ast as ast;
use ruff_python_ast::Stmt;
use ruff_text_size::TextRange;

use super::{Block, CResult, CodeGen};
use crate::bytecode::opcodes::Op;
use crate::value::Value;

impl<'a> CodeGen<'a> {
    /// `try` statements.
    pub(super) fn try_stmt(&mut self, t: &ast::StmtTry) -> CResult<()> {
        if t.is_star {
            return Err(self.unsupported(t.range, "'except*' (exception groups) is"));
        }
        if t.finalbody.is_empty() {
            self.try_except(t)
        } else {
            self.try_finally(t)
        }
    }

    /// Start covering the following instructions with a new handler at `target`.
    fn begin_handler(&mut self, target: super::Label, depth_adjust: i32) -> u32 {
        let handler = self.unit.asm.new_handler(target, depth_adjust);
        self.unit.asm.set_handler(handler);
        handler
    }

    /// The cleanup of a handler whose body raised: restore the previously handled exception
    /// and re-raise. Stack: [previous, exception].
    fn emit_cleanup_reraise(&mut self) {
        self.emit(Op::Swap, 2);
        self.emit(Op::PopExcept, 0);
        self.emit(Op::Reraise, 0);
    }

    fn try_finally(&mut self, t: &ast::StmtTry) -> CResult<()> {
        let on_exception = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        let outer = self.unit.asm.current_handler();
        let finalbody: Rc<[Stmt]> = Rc::from(t.finalbody.as_slice());

        self.begin_handler(on_exception, 0);
        self.push_block(Block::FinallyTry { finalbody, outer }, t.range)?;
        if t.handlers.is_empty() {
            self.stmts(&t.body)?;
        } else {
            self.try_except(t)?;
        }
        self.unit.blocks.pop();
        self.unit.asm.set_handler(outer);
        self.stmts(&t.finalbody)?;
        self.emit_jump(Op::Jump, end);

        // The exceptional path: run the finally body with the exception handled, re-raise.
        self.bind(on_exception);
        self.begin_handler(cleanup, 0);
        self.emit(Op::PushExcInfo, 0);
        self.push_block(Block::FinallyEnd { outer }, t.range)?;
        self.stmts(&t.finalbody)?;
        self.unit.blocks.pop();
        self.emit(Op::Reraise, 0);
        self.unit.asm.set_handler(outer);
        self.bind(cleanup);
        self.emit_cleanup_reraise();
        self.bind(end);
        Ok(())
    }

    /// `try` with `except` clauses (and `else`); the `finally` part, if any, is the caller's.
    fn try_except(&mut self, t: &ast::StmtTry) -> CResult<()> {
        let on_exception = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        let outer = self.unit.asm.current_handler();

        self.begin_handler(on_exception, 0);
        self.push_block(Block::TryExcept { outer }, t.range)?;
        self.stmts(&t.body)?;
        self.unit.blocks.pop();
        self.unit.asm.set_handler(outer);
        self.stmts(&t.orelse)?;
        self.emit_jump(Op::Jump, end);

        self.bind(on_exception);
        let dispatch = self.begin_handler(cleanup, 0);
        self.emit(Op::PushExcInfo, 0);
        let count = t.handlers.len();
        for (i, handler) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(handler) = handler;
            self.set_line(handler.range);
            if handler.type_.is_none() && i + 1 < count {
                return Err(self.error(handler.range, "default 'except:' must be last"));
            }
            let next = self.new_label();
            if let Some(class) = &handler.type_ {
                self.expr(class)?;
                self.set_line(handler.range);
                self.emit(Op::CheckExcMatch, 0);
                self.emit_jump(Op::PopJumpIfFalse, next);
            }
            match &handler.name {
                Some(name) => {
                    let name: Rc<str> = Rc::from(name.as_str());
                    self.store_name(&name, handler.range)?;
                    let unbind = self.new_label();
                    self.begin_handler(unbind, 0);
                    self.push_block(Block::HandlerCleanup { name: Some(name.clone()), outer }, handler.range)?;
                    self.stmts(&handler.body)?;
                    self.unit.blocks.pop();
                    self.unit.asm.set_handler(outer);
                    self.emit(Op::PopExcept, 0);
                    self.unbind_name(&name, handler.range)?;
                    self.emit_jump(Op::Jump, end);
                    // The body raised: unbind the name, then the dispatch cleanup re-raises.
                    self.unit.asm.set_handler(dispatch);
                    self.bind(unbind);
                    self.unbind_name(&name, handler.range)?;
                    self.emit(Op::Reraise, 0);
                }
                None => {
                    self.emit(Op::PopTop, 0);
                    self.push_block(Block::HandlerCleanup { name: None, outer }, handler.range)?;
                    self.stmts(&handler.body)?;
                    self.unit.blocks.pop();
                    self.unit.asm.set_handler(outer);
                    self.emit(Op::PopExcept, 0);
                    self.emit_jump(Op::Jump, end);
                    self.unit.asm.set_handler(dispatch);
                }
            }
            self.bind(next);
        }
        // No clause matched.
        self.emit(Op::Reraise, 0);
        self.unit.asm.set_handler(outer);
        self.bind(cleanup);
        self.emit_cleanup_reraise();
        self.bind(end);
        Ok(())
    }

    /// `name = None; del name` (never fails, even when the body deleted the name).
    fn unbind_name(&mut self, name: &str, range: TextRange) -> CResult<()> {
        self.load_const(Value::None);
        self.store_name(name, range)?;
        self.delete_name(name, range)
    }

    /// `with` statements (several items nest).
    pub(super) fn with_stmt(&mut self, w: &ast::StmtWith) -> CResult<()> {
        if w.is_async {
            return Err(self.unsupported(w.range, "'async with' statements are"));
        }
        self.with_items(w, 0)
    }

    fn with_items(&mut self, w: &ast::StmtWith, index: usize) -> CResult<()> {
        let Some(item) = w.items.get(index) else {
            return self.stmts(&w.body);
        };
        let on_exception = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        let outer = self.unit.asm.current_handler();

        self.expr(&item.context_expr)?;
        self.set_line(w.range);
        self.emit(Op::BeforeWith, 0);
        self.emit(Op::CallMethod, 0);
        // [exit, value]: the handler keeps `exit` (one below the current depth).
        self.begin_handler(on_exception, -1);
        match &item.optional_vars {
            Some(target) => self.store(target)?,
            None => self.emit(Op::PopTop, 0),
        }
        self.push_block(Block::With { outer }, w.range)?;
        self.with_items(w, index + 1)?;
        self.unit.blocks.pop();
        self.unit.asm.set_handler(outer);
        self.set_line(w.range);
        self.emit_exit_call();
        self.emit_jump(Op::Jump, end);

        // [exit, exc]
        self.bind(on_exception);
        self.begin_handler(cleanup, 0);
        self.emit(Op::PushExcInfo, 0);
        self.emit(Op::WithExceptStart, 0);
        self.emit(Op::Call, 3);
        self.emit_jump(Op::PopJumpIfTrue, suppress);
        self.emit(Op::Reraise, 0);
        self.bind(suppress);
        self.emit(Op::PopTop, 0);
        self.emit(Op::PopExcept, 0);
        self.emit(Op::PopTop, 0);
        self.emit_jump(Op::Jump, end);
        self.unit.asm.set_handler(outer);
        self.bind(cleanup);
        self.emit_cleanup_reraise();
        self.bind(end);
        Ok(())
    }

    /// `exit(None, None, None)` with the bound `__exit__` on TOS; its result is dropped.
    fn emit_exit_call(&mut self) {
        for _ in 0..3 {
            self.load_const(Value::None);
        }
        self.emit(Op::Call, 3);
        self.emit(Op::PopTop, 0);
    }

    /// Emit the cleanups of the blocks a `return` (`stop_at_loop` false) or `break`/`continue`
    /// (true) leaves, innermost first, and return the loop block found (for `break`/
    /// `continue`). With `preserve_tos`, the return value on TOS stays there. The blocks are
    /// popped as they are unwound (so a `return` inside an inlined `finally` body unwinds only
    /// the blocks outside it); the caller restores `unit.blocks` and the current handler.
    pub(super) fn unwind_blocks(&mut self, preserve_tos: bool, stop_at_loop: bool) -> CResult<Option<Block>> {
        while let Some(block) = self.unit.blocks.pop() {
            match &block {
                Block::For { .. } | Block::While { .. } if stop_at_loop => return Ok(Some(block)),
                Block::For { .. } => {
                    if preserve_tos {
                        self.emit(Op::Swap, 2);
                    }
                    self.emit(Op::PopTop, 0);
                }
                Block::While { .. } => {}
                Block::TryExcept { outer } => {
                    self.unit.asm.set_handler(*outer);
                }
                Block::FinallyTry { finalbody, outer } => {
                    self.unit.asm.set_handler(*outer);
                    let line = self.unit.line;
                    self.stmts(finalbody)?;
                    self.unit.line = line;
                }
                Block::FinallyEnd { outer } => {
                    self.unit.asm.set_handler(*outer);
                    if preserve_tos {
                        self.emit(Op::Swap, 2);
                    }
                    self.emit(Op::PopTop, 0);
                    if preserve_tos {
                        self.emit(Op::Swap, 2);
                    }
                    self.emit(Op::PopExcept, 0);
                }
                Block::HandlerCleanup { name, outer } => {
                    self.unit.asm.set_handler(*outer);
                    if preserve_tos {
                        self.emit(Op::Swap, 2);
                    }
                    self.emit(Op::PopExcept, 0);
                    if let Some(name) = name {
                        let range = TextRange::default();
                        self.unbind_name(name, range)?;
                    }
                }
                Block::With { outer } => {
                    self.unit.asm.set_handler(*outer);
                    if preserve_tos {
                        self.emit(Op::Swap, 2);
                    }
                    self.emit_exit_call();
                }
            }
        }
        Ok(None)
    }
}
