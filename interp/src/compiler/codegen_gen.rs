//! Code generation for generators: `yield`, `yield from` and generator expressions.
//!
//! Shapes (see `bytecode::opcodes` for the instructions):
//!
//! ```text
//! yield v            v; YIELD_VALUE 0            (the sent value replaces v)
//! yield from it      it; GET_ITER; LOAD_CONST None
//!                L1: SEND L2; YIELD_VALUE 1; JUMP L1
//!                L2:                             (the delegate's return value is on the stack)
//! (e for x in it)    MAKE_FUNCTION <genexpr>; it; GET_ITER; CALL 1
//! ```
//!
//! `YIELD_VALUE 1` marks the yield of a `yield from` loop: `throw()` and `close()` find the
//! delegate on top of the suspended frame's stack there, and a delegate that finishes during
//! `throw()` resumes the frame after the `JUMP` (at `L2`).

use ruff_python_ast as ast;
use ruff_text_size::TextRange;

use super::{CResult, CodeGen, CompKind};
use crate::bytecode::opcodes::Op;
use crate::value::Value;

impl<'a> CodeGen<'a> {
    /// `yield` / `yield value`.
    pub(super) fn yield_expr(&mut self, y: &ast::ExprYield) -> CResult<()> {
        self.check_yield_allowed(y.range)?;
        match &y.value {
            Some(v) => self.expr(v)?,
            None => self.load_const(Value::None),
        }
        self.emit(Op::YieldValue, 0);
        Ok(())
    }

    /// `yield from iterable`.
    pub(super) fn yield_from_expr(&mut self, y: &ast::ExprYieldFrom) -> CResult<()> {
        self.check_yield_allowed(y.range)?;
        self.expr(&y.value)?;
        self.emit(Op::GetIter, 0);
        self.load_const(Value::None);
        self.emit_delegation_loop();
        Ok(())
    }

    /// `SEND` / `YIELD_VALUE 1` / `JUMP` over the (iterator, value) pair on the stack.
    fn emit_delegation_loop(&mut self) {
        let send = self.new_label();
        let done = self.new_label();
        self.bind(send);
        self.emit_jump(Op::Send, done);
        self.emit(Op::YieldValue, 1);
        self.emit_jump(Op::Jump, send);
        self.bind(done);
    }

    fn check_yield_allowed(&self, range: TextRange) -> CResult<()> {
        if self.unit.flags & crate::bytecode::code::flags::GENERATOR == 0 {
            return Err(self.error(range, "'yield' outside function"));
        }
        Ok(())
    }

    /// A generator expression: a generator function over the first iterable, called at once.
    pub(super) fn generator_expression(&mut self, g: &ast::ExprGenerator) -> CResult<()> {
        let Some(first) = g.generators.first() else {
            return Err(self.error(g.range, "invalid syntax"));
        };
        let scope = self.child_scope(g, g.range)?;
        let line = self.index.line(g.range.start());
        self.push_unit(scope, std::rc::Rc::from("<genexpr>"), line)?;
        self.unit.argcount = 1;
        let body = (|| -> CResult<()> {
            self.comprehension_loop(&g.generators, 0, CompKind::Generator, &g.elt, None)?;
            self.load_const(Value::None);
            self.emit(Op::ReturnValue, 0);
            Ok(())
        })();
        if let Err(e) = body {
            self.abandon_unit();
            return Err(e);
        }
        let code = self.pop_unit()?;
        self.make_function(code, 0, g.range)?;
        self.expr(&first.iter)?;
        self.set_line(g.range);
        self.emit(Op::GetIter, 0);
        self.emit(Op::Call, 1);
        Ok(())
    }
}
