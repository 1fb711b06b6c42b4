//! Code generation for class statements (`__build_class__` protocol, the class body with its
//! `__module__`/`__qualname__`/`__doc__` prologue and `__classcell__`), annotated assignments
//! that record `__annotations__`, and private name mangling of attribute names.

use std::rc::Rc;

use ruff_python_ast as ast;
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::{is_string_literal, CResult, CodeGen};
use crate::bytecode::opcodes::Op;
use crate::compiler::symtable::{mangle, ScopeKind};
use crate::value::Value;

/// True if `body` (not looking into nested functions and classes) has an annotated
/// assignment, so the namespace needs an `__annotations__` dict.
fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(_) => true,
        Stmt::For(f) => has_annotations(&f.body) || has_annotations(&f.orelse),
        Stmt::While(w) => has_annotations(&w.body) || has_annotations(&w.orelse),
        Stmt::If(i) => has_annotations(&i.body) || i.elif_else_clauses.iter().any(|c| has_annotations(&c.body)),
        Stmt::With(w) => has_annotations(&w.body),
        Stmt::Try(t) => {
            has_annotations(&t.body)
                || has_annotations(&t.orelse)
                || has_annotations(&t.finalbody)
                || t.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    has_annotations(&h.body)
                })
        }
        Stmt::Match(m) => m.cases.iter().any(|c| has_annotations(&c.body)),
        _ => false,
    })
}

/// True if the module starts with `from __future__ import annotations`.
fn imports_future_annotations(body: &[Stmt]) -> bool {
    for stmt in body {
        match stmt {
            Stmt::ImportFrom(i) if i.module.as_ref().is_some_and(|m| m.as_str() == "__future__") => {
                if i.names.iter().any(|a| a.name.as_str() == "annotations") {
                    return true;
                }
            }
            Stmt::Expr(e) if matches!(&*e.value, Expr::StringLiteral(_)) => {}
            _ => return false,
        }
    }
    false
}

impl<'a> CodeGen<'a> {
    /// The index of attribute name `name` after private name mangling.
    pub(super) fn attr_index(&mut self, name: &str) -> u32 {
        let mangled = mangle(self.unit.private.as_deref(), name).into_owned();
        self.name_index(&mangled)
    }

    /// Create the namespace's `__annotations__` dict when the body annotates names (module
    /// and class bodies).
    pub(super) fn setup_annotations(&mut self, body: &[Stmt]) {
        if self.unit.kind == ScopeKind::Module && imports_future_annotations(body) {
            self.future_annotations = true;
        }
        if has_annotations(body) {
            self.emit(Op::BuildMap, 0);
            let idx = self.name_index("__annotations__");
            self.emit(Op::StoreName, idx);
        }
    }

    /// Push the value recorded for an annotation: the evaluated expression, or its source
    /// text under `from __future__ import annotations`.
    fn annotation_value(&mut self, annotation: &Expr) -> CResult<()> {
        if self.future_annotations {
            let text = self.index.text(annotation.range()).to_owned();
            self.load_const(Value::string(text));
            return Ok(());
        }
        self.expr(annotation)
    }

    /// `target: annotation [= value]`.
    pub(super) fn ann_assign(&mut self, a: &ast::StmtAnnAssign) -> CResult<()> {
        if let Some(v) = &a.value {
            self.expr(v)?;
            self.store(&a.target)?;
        }
        if !matches!(self.unit.kind, ScopeKind::Module | ScopeKind::Class) {
            // Annotations of locals are never evaluated.
            return Ok(());
        }
        match &*a.target {
            Expr::Name(n) if a.simple => {
                self.annotation_value(&a.annotation)?;
                let idx = self.name_index("__annotations__");
                self.emit(Op::LoadName, idx);
                let key = mangle(self.unit.private.as_deref(), n.id.as_str()).into_owned();
                self.load_const(Value::string(key));
                self.emit(Op::StoreSubscr, 0);
            }
            _ => {
                if !self.future_annotations {
                    self.expr(&a.annotation)?;
                    self.emit(Op::PopTop, 0);
                }
            }
        }
        Ok(())
    }

    /// `class Name(bases, **keywords): body`.
    pub(super) fn class_def(&mut self, c: &ast::StmtClassDef) -> CResult<()> {
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        self.set_line(c.name.range);
        let (args, keywords): (&[Expr], &[ast::Keyword]) = match &c.arguments {
            Some(a) => (&a.args, &a.keywords),
            None => (&[], &[]),
        };
        if args.iter().any(|a| matches!(a, Expr::Starred(_))) || keywords.iter().any(|k| k.arg.is_none()) {
            return Err(self.unsupported(c.range, "'*' and '**' in class bases are"));
        }
        for (i, k) in keywords.iter().enumerate() {
            if let Some(name) = &k.arg {
                if keywords[..i].iter().any(|p| p.arg.as_ref().is_some_and(|n| n.as_str() == name.as_str())) {
                    return Err(self.error(k.range, format!("keyword argument repeated: {name}")));
                }
            }
        }
        let scope = self.child_scope(c, c.range)?;
        let firstlineno = match c.decorator_list.first() {
            Some(d) => self.index.line(d.range.start()),
            None => self.index.line(c.range.start()),
        };
        self.emit(Op::LoadBuildClass, 0);
        self.push_unit(scope, Rc::from(c.name.as_str()), firstlineno)?;
        self.unit.private = Some(Rc::from(c.name.as_str()));
        self.set_line(c.name.range);
        if let Err(e) = self.class_body(c) {
            self.abandon_unit();
            return Err(e);
        }
        let code = self.pop_unit()?;
        self.set_line(c.name.range);
        self.make_function(code, 0, c.range)?;
        self.load_const(Value::str(c.name.as_str()));
        for a in args {
            self.expr(a)?;
        }
        self.set_line(c.name.range);
        if keywords.is_empty() {
            self.emit(Op::Call, 2 + args.len() as u32);
        } else {
            let mut names = Vec::with_capacity(keywords.len());
            for k in keywords {
                self.expr(&k.value)?;
                if let Some(name) = &k.arg {
                    names.push(Value::str(name.as_str()));
                }
            }
            self.set_line(c.name.range);
            self.load_const(Value::tuple(names));
            self.emit(Op::CallKw, (2 + args.len() + keywords.len()) as u32);
        }
        for _ in &c.decorator_list {
            self.emit(Op::Call, 1);
        }
        self.store_name(c.name.as_str(), c.name.range)
    }

    /// The code of a class body: `__module__`, `__qualname__`, `__doc__`, the statements, and
    /// the `__classcell__` that lets `type.__new__` fill the methods' `__class__` cell.
    fn class_body(&mut self, c: &ast::StmtClassDef) -> CResult<()> {
        let idx = self.name_index("__name__");
        self.emit(Op::LoadName, idx);
        let idx = self.name_index("__module__");
        self.emit(Op::StoreName, idx);
        let qualname = self.unit.qualname.clone();
        self.load_const(Value::str(&qualname));
        let idx = self.name_index("__qualname__");
        self.emit(Op::StoreName, idx);
        let body = match c.body.first() {
            Some(first @ Stmt::Expr(e)) if is_string_literal(first) => {
                if let Expr::StringLiteral(s) = &*e.value {
                    self.set_line(first.range());
                    self.load_const(Value::str(s.value.to_str()));
                    let idx = self.name_index("__doc__");
                    self.emit(Op::StoreName, idx);
                }
                &c.body[1..]
            }
            _ => &c.body[..],
        };
        self.setup_annotations(body);
        self.stmts(body)?;
        if let Some(last) = c.body.last() {
            self.set_line(TextRange::empty(last.range().end()));
        }
        if let Some(i) = self.scope().cellvars.iter().position(|n| &**n == "__class__") {
            self.emit(Op::LoadClosure, i as u32);
            let idx = self.name_index("__classcell__");
            self.emit(Op::StoreName, idx);
        }
        self.load_const(Value::None);
        self.emit(Op::ReturnValue, 0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::compiler::{compile, Mode};
    use crate::value::Value;

    fn code_named(code: &crate::bytecode::Code, name: &str) -> Option<std::rc::Rc<crate::bytecode::Code>> {
        code.consts.iter().find_map(|c| match c {
            Value::Code(inner) if &*inner.name == name => Some(inner.clone()),
            Value::Code(inner) => code_named(inner, name),
            _ => None,
        })
    }

    #[test]
    fn methods_using_super_capture_the_class_cell() {
        let code = compile("class A:\n  def f(self):\n    return super().f()\n", "<t>", Mode::Module);
        let code = code.ok();
        let body = code.as_deref().and_then(|c| code_named(c, "A"));
        assert_eq!(body.as_ref().map(|b| b.cellvars.to_vec()), Some(vec![std::rc::Rc::from("__class__")]));
        let method = code.as_deref().and_then(|c| code_named(c, "f"));
        assert_eq!(method.as_ref().map(|m| m.freevars.to_vec()), Some(vec![std::rc::Rc::from("__class__")]));
        assert_eq!(method.map(|m| m.qualname.to_string()).as_deref(), Some("A.f"));
    }

    #[test]
    fn private_names_are_mangled() {
        let code = compile("class _B:\n  def f(self, __p):\n    self.__x = __p\n", "<t>", Mode::Module).ok();
        let method = code.as_deref().and_then(|c| code_named(c, "f"));
        let method = method.map(|m| (m.varnames.to_vec(), m.names.iter().map(|n| match n {
            Value::Str(s) => s.as_str().to_owned(),
            _ => String::new(),
        }).collect::<Vec<_>>()));
        assert_eq!(
            method,
            Some((vec![std::rc::Rc::from("self"), std::rc::Rc::from("_B__p")], vec!["_B__x".to_owned()]))
        );
        assert_eq!(super::mangle(Some("__"), "__x"), "__x");
        assert_eq!(super::mangle(Some("C"), "__init__"), "__init__");
    }
}
