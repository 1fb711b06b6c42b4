//! Code generation: walks ruff's AST with the symbol table and emits instructions into an
//! `Assembler` per code body (module, function, lambda, comprehension).
//!
//! The shapes follow CPython 3.11's compiler where the instruction set allows (see
//! `bytecode::opcodes` for each instruction's stack contract).

use std::collections::HashMap;
use std::rc::Rc;

use num_bigint::BigInt;
use ruff_python_ast as ast;
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

#[path = "codegen_class.rs"]
mod codegen_class;

use super::assembler::{Assembler, Label};

#[path = "codegen_try.rs"]
mod codegen_try;
use super::errors::{error_at, LineIndex};
use super::symtable::{NameScope, ScopeId, ScopeKind, SymbolTable};
use super::{CompileError, Mode};
use crate::bytecode::code::flags as code_flags;
use crate::bytecode::opcodes::{BinaryOp, CompareOp, Op};
use crate::bytecode::Code;
use crate::objects::set::PySet;
use crate::value::Value;

type CResult<T> = Result<T, CompileError>;

#[path = "codegen_gen.rs"]
mod codegen_gen;

/// CPython's limit on statically nested blocks (loops, and later try/with).
const MAX_BLOCKS: usize = 20;
/// Displays longer than this are built incrementally so the stack stays shallow.
const STACK_USE_GUIDELINE: usize = 30;

/// A constant's identity for de-duplication: equal keys are the same constant. `1`, `1.0`,
/// `True`, `0.0` and `-0.0` all have different keys.
#[derive(Clone, PartialEq, Eq, Hash)]
enum ConstKey {
    None,
    Ellipsis,
    Bool(bool),
    Int(i64),
    BigInt(String),
    Float(u64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<ConstKey>),
}

fn const_key(v: &Value) -> Option<ConstKey> {
    Some(match v {
        Value::None => ConstKey::None,
        Value::Ellipsis => ConstKey::Ellipsis,
        Value::Bool(b) => ConstKey::Bool(b.get()),
        Value::Int(i) => ConstKey::Int(*i),
        Value::BigInt(b) => ConstKey::BigInt(b.to_string()),
        Value::Float(f) => ConstKey::Float(f.get().to_bits()),
        Value::Str(s) => ConstKey::Str(s.as_str().to_string()),
        Value::Bytes(b) => ConstKey::Bytes(b.data.to_vec()),
        Value::Tuple(t) => ConstKey::Tuple(t.items.iter().map(const_key).collect::<Option<Vec<_>>>()?),
        _ => return None,
    })
}

/// An enclosing loop, `try` or `with`, for `break`, `continue` and `return` (which run the
/// cleanups of the blocks they leave, see `codegen_try`). `outer` is the exception handler
/// that was current outside the block.
#[derive(Clone)]
enum Block {
    /// A `for` loop: its iterator is on the stack while the body runs.
    For { continue_to: Label, break_to: Label },
    While { continue_to: Label, break_to: Label },
    /// The body of a `try` with `except` clauses.
    TryExcept { outer: u32 },
    /// The body of a `try` with a `finally` clause: leaving it runs `finalbody`.
    FinallyTry { finalbody: Rc<[Stmt]>, outer: u32 },
    /// A `finally` body run for an exception: (previous handled, exception) are on the stack.
    FinallyEnd { outer: u32 },
    /// An `except` body: the previous handled exception is on the stack; `name` is unbound on
    /// the way out.
    HandlerCleanup { name: Option<Rc<str>>, outer: u32 },
    /// A `with` body: the manager's bound `__exit__` is on the stack.
    With { outer: u32 },
}

/// The code body being generated.
struct Unit {
    scope: ScopeId,
    kind: ScopeKind,
    asm: Assembler,
    consts: Vec<Value>,
    const_index: HashMap<ConstKey, u32>,
    names: Vec<Rc<str>>,
    name_index: HashMap<Rc<str>, u32>,
    /// Source line of the instructions being emitted.
    line: u32,
    blocks: Vec<Block>,
    name: Rc<str>,
    qualname: Rc<str>,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    flags: u32,
    firstlineno: u32,
    /// The class whose private names (`__x`) are mangled in this unit, if any.
    private: Option<Rc<str>>,
    /// The docstring of a function body (becomes `Code::doc`).
    doc: Value,
}

/// Generates the code objects of one module.
pub struct CodeGen<'a> {
    index: &'a LineIndex<'a>,
    filename: Rc<str>,
    table: &'a SymbolTable,
    mode: Mode,
    unit: Unit,
    /// Enclosing units, innermost last.
    outer: Vec<Unit>,
    /// `from __future__ import annotations`: annotations are stored as strings.
    future_annotations: bool,
    /// One string object per name across all code objects of the compiled source, so that
    /// names compare by pointer first: the attribute a method stores (the instance dict's
    /// key) is the very string another method's LOAD_ATTR looks up.
    interned_names: std::cell::RefCell<std::collections::HashMap<Rc<str>, Value>>,
}

/// Where a name is loaded from / stored to.
enum NameOp {
    Fast(u32),
    Deref(u32),
    Global(u32),
    Name(u32),
}

/// What a comprehension does with each element: add it to the collection it builds, or
/// yield it (a generator expression).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

impl CompKind {
    /// The instruction that creates the collection before the loop (none for a generator).
    fn build_op(self) -> Option<Op> {
        match self {
            CompKind::List => Some(Op::BuildList),
            CompKind::Set => Some(Op::BuildSet),
            CompKind::Dict => Some(Op::BuildMap),
            CompKind::Generator => None,
        }
    }
}

/// The operator of a binary expression or augmented assignment.
fn binary_op(op: ast::Operator) -> BinaryOp {
    use ast::Operator as O;
    match op {
        O::Add => BinaryOp::Add,
        O::Sub => BinaryOp::Sub,
        O::Mult => BinaryOp::Mul,
        O::MatMult => BinaryOp::MatMul,
        O::Div => BinaryOp::TrueDiv,
        O::Mod => BinaryOp::Mod,
        O::Pow => BinaryOp::Pow,
        O::LShift => BinaryOp::LShift,
        O::RShift => BinaryOp::RShift,
        O::BitOr => BinaryOp::Or,
        O::BitXor => BinaryOp::Xor,
        O::BitAnd => BinaryOp::And,
        O::FloorDiv => BinaryOp::FloorDiv,
    }
}

/// The value of an int literal (a BigInt const when it does not fit in i64).
fn int_literal(i: &ast::Int) -> Option<Value> {
    if let Some(v) = i.as_i64() {
        return Some(Value::Int(v));
    }
    let text: String = i.to_string().chars().filter(|c| *c != '_').collect();
    let lower = text.to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d.to_string(), 16)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d.to_string(), 8)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d.to_string(), 2)
    } else {
        (lower, 10)
    };
    BigInt::parse_bytes(digits.as_bytes(), radix).map(Value::from_bigint)
}

/// Largest int (in bits) or string (in characters) constant folding may produce, as CPython.
const MAX_FOLDED_INT_BITS: u64 = 128;
const MAX_FOLDED_STR_LEN: usize = 4096;
/// Ints in this range convert to f64 exactly.
const EXACT_FLOAT_INT: i64 = 1 << 53;

fn as_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// A number usable in float arithmetic without rounding surprises.
fn as_exact_float(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(f.get()),
        Value::Int(i) if (-EXACT_FLOAT_INT..=EXACT_FLOAT_INT).contains(i) => Some(*i as f64),
        _ => None,
    }
}

fn small_int(b: BigInt) -> Option<Value> {
    if b.bits() > MAX_FOLDED_INT_BITS {
        return None;
    }
    Some(Value::from_bigint(b))
}

/// `op v` on a constant, when Python's result is certain.
fn fold_unary(op: ast::UnaryOp, v: Value) -> Option<Value> {
    match (op, v) {
        (ast::UnaryOp::USub, Value::Int(i)) => {
            Some(i.checked_neg().map(Value::Int).unwrap_or_else(|| Value::from_bigint(-BigInt::from(i))))
        }
        (ast::UnaryOp::USub, Value::BigInt(b)) => Some(Value::from_bigint(-(*b).clone())),
        (ast::UnaryOp::USub, Value::Float(f)) => Some(Value::float(-f.get())),
        (ast::UnaryOp::UAdd, v @ (Value::Int(_) | Value::BigInt(_) | Value::Float(_))) => Some(v),
        (ast::UnaryOp::Invert, Value::Int(i)) => Some(Value::Int(!i)),
        (ast::UnaryOp::Invert, Value::BigInt(b)) => Some(Value::from_bigint(-((*b).clone() + BigInt::from(1)))),
        _ => None,
    }
}

/// `a op b` on constants (ints, floats, strings), when the result is small and Python's
/// semantics are certain; anything else is left for run time.
fn fold_binary(op: BinaryOp, a: &Value, b: &Value) -> Option<Value> {
    use num_integer::Integer;
    use num_traits::{Signed, ToPrimitive, Zero};
    if let (Some(x), Some(y)) = (as_bigint(a), as_bigint(b)) {
        return match op {
            BinaryOp::Add => small_int(x + y),
            BinaryOp::Sub => small_int(x - y),
            BinaryOp::Mul => {
                if x.bits().saturating_add(y.bits()) > MAX_FOLDED_INT_BITS + 1 {
                    return None;
                }
                small_int(x * y)
            }
            BinaryOp::FloorDiv if !y.is_zero() => small_int(x.div_floor(&y)),
            BinaryOp::Mod if !y.is_zero() => small_int(x.mod_floor(&y)),
            BinaryOp::Pow if !y.is_negative() => {
                let exp = y.to_u32()?;
                if x.bits().saturating_mul(exp as u64) > MAX_FOLDED_INT_BITS {
                    return None;
                }
                small_int(num_traits::pow(x, exp as usize))
            }
            BinaryOp::LShift if !y.is_negative() => {
                let shift = y.to_u64()?;
                if x.bits().saturating_add(shift) > MAX_FOLDED_INT_BITS {
                    return None;
                }
                small_int(x << shift as usize)
            }
            BinaryOp::RShift if !y.is_negative() && !x.is_negative() => {
                let shift = y.to_u64().unwrap_or(u64::MAX).min(MAX_FOLDED_INT_BITS + 1);
                small_int(x >> shift as usize)
            }
            BinaryOp::And if !x.is_negative() && !y.is_negative() => small_int(x & y),
            BinaryOp::Or if !x.is_negative() && !y.is_negative() => small_int(x | y),
            BinaryOp::Xor if !x.is_negative() && !y.is_negative() => small_int(x ^ y),
            BinaryOp::TrueDiv if !y.is_zero() => {
                let (xf, yf) = (as_exact_float(a)?, as_exact_float(b)?);
                Some(Value::float(xf / yf))
            }
            _ => None,
        };
    }
    if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
        let (x, y) = (as_exact_float(a)?, as_exact_float(b)?);
        return match op {
            BinaryOp::Add => Some(Value::float(x + y)),
            BinaryOp::Sub => Some(Value::float(x - y)),
            BinaryOp::Mul => Some(Value::float(x * y)),
            BinaryOp::TrueDiv if y != 0.0 => Some(Value::float(x / y)),
            _ => None,
        };
    }
    match (op, a, b) {
        (BinaryOp::Add, Value::Str(x), Value::Str(y)) if x.char_len + y.char_len <= MAX_FOLDED_STR_LEN => {
            Some(Value::string(format!("{}{}", x.as_str(), y.as_str())))
        }
        (BinaryOp::Mul, Value::Str(x), Value::Int(n)) | (BinaryOp::Mul, Value::Int(n), Value::Str(x)) => {
            let n = (*n).max(0) as usize;
            if x.char_len.saturating_mul(n) > MAX_FOLDED_STR_LEN {
                return None;
            }
            Some(Value::string(x.as_str().repeat(n)))
        }
        _ => None,
    }
}

/// Is this expression a docstring-like constant statement?
fn is_string_literal(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Expr(e) if matches!(&*e.value, Expr::StringLiteral(_)))
}

impl<'a> CodeGen<'a> {
    pub fn new(
        index: &'a LineIndex<'a>,
        filename: &str,
        table: &'a SymbolTable,
        mode: Mode,
    ) -> CodeGen<'a> {
        let unit = Unit::new(0, ScopeKind::Module, Rc::from("<module>"), Rc::from("<module>"), 1);
        CodeGen {
            index,
            filename: Rc::from(filename),
            table,
            mode,
            unit,
            outer: Vec::new(),
            future_annotations: false,
            interned_names: Default::default(),
        }
    }

    /// Compile a module body.
    pub fn compile_module(mut self, body: &[Stmt]) -> CResult<Rc<Code>> {
        self.unit.flags |= code_flags::NAMESPACE;
        let body = match body.first() {
            Some(Stmt::Expr(e)) if self.mode == Mode::Module && is_string_literal(&body[0]) => {
                // The module docstring becomes `__doc__`.
                self.set_line(e.range);
                if let Expr::StringLiteral(doc) = &*e.value {
                    self.load_const(Value::str(doc.value.to_str()));
                    self.store_name("__doc__", e.range)?;
                }
                &body[1..]
            }
            _ => body,
        };
        self.setup_annotations(body);
        self.stmts(body)?;
        if let Some(last) = body.last() {
            self.set_line(TextRange::empty(last.range().end()));
        }
        let none = self.const_index(Value::None);
        self.emit(Op::LoadConst, none);
        self.emit(Op::ReturnValue, 0);
        let unit = std::mem::replace(&mut self.unit, Unit::new(0, ScopeKind::Module, Rc::from(""), Rc::from(""), 1));
        self.finish_unit(unit)
    }

    // ----- helpers -----

    fn error(&self, range: TextRange, msg: impl Into<String>) -> CompileError {
        error_at(self.index, &self.filename, range, msg, false)
    }

    fn unsupported(&self, range: TextRange, what: &str) -> CompileError {
        self.error(range, format!("{what} not supported by swallow yet"))
    }

    fn emit(&mut self, op: Op, arg: u32) {
        let line = self.unit.line;
        self.unit.asm.emit(op, arg, line);
    }

    fn emit_jump(&mut self, op: Op, target: Label) {
        let line = self.unit.line;
        self.unit.asm.emit_jump(op, target, line);
    }

    fn new_label(&mut self) -> Label {
        self.unit.asm.new_label()
    }

    fn bind(&mut self, label: Label) {
        self.unit.asm.bind(label);
    }

    /// Make `range`'s line the line of the following instructions; returns the previous line.
    fn set_line(&mut self, range: TextRange) -> u32 {
        let line = self.index.line(range.start());
        std::mem::replace(&mut self.unit.line, line)
    }

    fn const_index(&mut self, v: Value) -> u32 {
        let key = const_key(&v);
        if let Some(k) = &key {
            if let Some(&i) = self.unit.const_index.get(k) {
                return i;
            }
        }
        let i = self.unit.consts.len() as u32;
        self.unit.consts.push(v);
        if let Some(k) = key {
            self.unit.const_index.insert(k, i);
        }
        i
    }

    fn load_const(&mut self, v: Value) {
        let i = self.const_index(v);
        self.emit(Op::LoadConst, i);
    }

    fn name_index(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.unit.name_index.get(name) {
            return i;
        }
        let rc: Rc<str> = Rc::from(name);
        let i = self.unit.names.len() as u32;
        self.unit.names.push(rc.clone());
        self.unit.name_index.insert(rc, i);
        i
    }

    fn scope(&self) -> &'a super::symtable::Scope {
        // The unit's scope id always comes from the table.
        &self.table.scopes[self.unit.scope]
    }

    /// How `name` is accessed from the current unit.
    fn name_op(&mut self, name: &str) -> NameOp {
        let mangled = super::symtable::mangle(self.unit.private.as_deref(), name);
        let name: &str = &mangled;
        let scope = self.scope();
        let function_like = self.unit.kind.is_function_like();
        match scope.lookup(name) {
            NameScope::Free | NameScope::Cell => match scope.deref_index(name) {
                Some(i) => NameOp::Deref(i as u32),
                None => NameOp::Global(self.name_index(name)),
            },
            NameScope::Local if function_like => match scope.varname_index(name) {
                Some(i) => NameOp::Fast(i as u32),
                None => NameOp::Name(self.name_index(name)),
            },
            NameScope::Local => NameOp::Name(self.name_index(name)),
            NameScope::GlobalExplicit => NameOp::Global(self.name_index(name)),
            NameScope::GlobalImplicit if function_like => NameOp::Global(self.name_index(name)),
            NameScope::GlobalImplicit => NameOp::Name(self.name_index(name)),
        }
    }

    fn load_name(&mut self, name: &str) {
        if name == "__debug__" {
            self.load_const(Value::bool(true));
            return;
        }
        match self.name_op(name) {
            NameOp::Fast(i) => self.emit(Op::LoadFast, i),
            NameOp::Deref(i) => self.emit(Op::LoadDeref, i),
            NameOp::Global(i) => self.emit(Op::LoadGlobal, i),
            NameOp::Name(i) => self.emit(Op::LoadName, i),
        }
    }

    fn store_name(&mut self, name: &str, range: TextRange) -> CResult<()> {
        if name == "__debug__" {
            return Err(self.error(range, "cannot assign to __debug__"));
        }
        match self.name_op(name) {
            NameOp::Fast(i) => self.emit(Op::StoreFast, i),
            NameOp::Deref(i) => self.emit(Op::StoreDeref, i),
            NameOp::Global(i) => self.emit(Op::StoreGlobal, i),
            NameOp::Name(i) => self.emit(Op::StoreName, i),
        }
        Ok(())
    }

    fn delete_name(&mut self, name: &str, range: TextRange) -> CResult<()> {
        if name == "__debug__" {
            return Err(self.error(range, "cannot delete __debug__"));
        }
        match self.name_op(name) {
            NameOp::Fast(i) => self.emit(Op::DeleteFast, i),
            NameOp::Deref(i) => self.emit(Op::DeleteDeref, i),
            NameOp::Global(i) => self.emit(Op::DeleteGlobal, i),
            NameOp::Name(i) => self.emit(Op::DeleteName, i),
        }
        Ok(())
    }

    /// The value of a constant expression (literals, negated numbers, tuples of constants).
    fn constant(&self, e: &Expr) -> Option<Value> {
        match e {
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => int_literal(i),
                ast::Number::Float(f) => Some(Value::float(*f)),
                ast::Number::Complex { .. } => None,
            },
            Expr::StringLiteral(s) => Some(Value::str(s.value.to_str())),
            Expr::BytesLiteral(b) => Some(crate::objects::bytes::new_bytes(b.value.bytes().collect())),
            Expr::BooleanLiteral(b) => Some(Value::bool(b.value)),
            Expr::NoneLiteral(_) => Some(Value::None),
            Expr::EllipsisLiteral(_) => Some(Value::Ellipsis),
            Expr::UnaryOp(u) => fold_unary(u.op, self.constant(&u.operand)?),
            Expr::BinOp(b) => fold_binary(binary_op(b.op), &self.constant(&b.left)?, &self.constant(&b.right)?),
            Expr::Tuple(t) => {
                let items = t.elts.iter().map(|e| self.constant(e)).collect::<Option<Vec<_>>>()?;
                Some(Value::tuple(items))
            }
            _ => None,
        }
    }

    /// Truthiness of a constant expression, when known at compile time.
    fn constant_truth(&self, e: &Expr) -> Option<bool> {
        match e {
            Expr::BooleanLiteral(b) => Some(b.value),
            Expr::NoneLiteral(_) => Some(false),
            Expr::EllipsisLiteral(_) => Some(true),
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => Some(i.as_u64() != Some(0)),
                ast::Number::Float(f) => Some(*f != 0.0),
                ast::Number::Complex { real, imag } => Some(*real != 0.0 || *imag != 0.0),
            },
            Expr::StringLiteral(s) => Some(!s.value.is_empty()),
            _ => None,
        }
    }

    // ----- units -----

    fn push_unit(&mut self, scope: ScopeId, name: Rc<str>, firstlineno: u32) -> CResult<()> {
        let kind = self.table.scopes.get(scope).map(|s| s.kind).unwrap_or(ScopeKind::Function);
        let qualname = self.qualname_for(&name);
        let mut unit = Unit::new(scope, kind, name, qualname, firstlineno);
        if self.table.scopes.get(scope).is_some_and(|s| s.is_generator) {
            unit.flags |= code_flags::GENERATOR;
        }
        unit.private = self.unit.private.clone();
        let parent = std::mem::replace(&mut self.unit, unit);
        self.outer.push(parent);
        Ok(())
    }

    /// CPython's qualified name: `outer.<locals>.inner`, plain `f` at module level (or when
    /// declared `global` in the enclosing function).
    fn qualname_for(&self, name: &str) -> Rc<str> {
        let parent = &self.unit;
        if parent.kind == ScopeKind::Module {
            return Rc::from(name);
        }
        if parent.kind == ScopeKind::Class {
            return Rc::from(format!("{}.{}", parent.qualname, name));
        }
        let parent_scope = self.scope();
        if parent_scope.lookup(name) == NameScope::GlobalExplicit {
            return Rc::from(name);
        }
        Rc::from(format!("{}.<locals>.{}", parent.qualname, name))
    }

    /// Drop the current unit after an error, returning to its parent.
    fn abandon_unit(&mut self) {
        if let Some(parent) = self.outer.pop() {
            self.unit = parent;
        }
    }

    fn pop_unit(&mut self) -> CResult<Rc<Code>> {
        let parent = self.outer.pop().ok_or_else(|| self.error(TextRange::default(), "internal compiler error: unit stack"))?;
        let unit = std::mem::replace(&mut self.unit, parent);
        self.finish_unit(unit)
    }

    fn finish_unit(&self, unit: Unit) -> CResult<Rc<Code>> {
        let scope = &self.table.scopes[unit.scope];
        let assembled = unit
            .asm
            .assemble()
            .map_err(|msg| self.error(scope.range, msg))?;
        let mut cell_params = Vec::new();
        for (cell_index, cell) in scope.cellvars.iter().enumerate() {
            if let Some(slot) = scope.params.iter().position(|p| p == cell) {
                cell_params.push((cell_index as u32, slot as u32));
            }
        }
        let mut interned = self.interned_names.borrow_mut();
        let names: Box<[Value]> =
            unit.names.iter().map(|n| interned.entry(n.clone()).or_insert_with(|| Value::str(n)).clone()).collect();
        drop(interned);
        let words = crate::bytecode::code::Words::new(assembled.words).map_err(|msg| self.error(scope.range, msg))?;
        let code = Code {
            words,
            lines: assembled.lines.into_boxed_slice(),
            consts: unit.consts.into_boxed_slice(),
            global_cache: crate::bytecode::code::GlobalCacheSlot::table(names.len()),
            attr_cache: crate::bytecode::code::AttrCacheSlot::table(assembled.cache_sites),
            names,
            varnames: scope.varnames.clone().into_boxed_slice(),
            cellvars: scope.cellvars.clone().into_boxed_slice(),
            freevars: scope.freevars.clone().into_boxed_slice(),
            cell_params: cell_params.into_boxed_slice(),
            argcount: unit.argcount,
            posonlyargcount: unit.posonlyargcount,
            kwonlyargcount: unit.kwonlyargcount,
            flags: unit.flags,
            stacksize: assembled.stacksize,
            name: unit.name,
            qualname: unit.qualname,
            filename: self.filename.clone(),
            firstlineno: unit.firstlineno,
            exception_table: assembled.exception_table.into_boxed_slice(),
            doc: unit.doc,
            plain_entry: Code::plain_entry_of(unit.flags, unit.kwonlyargcount, &scope.cellvars, &scope.freevars),
        };
        Ok(Rc::new(code))
    }

    /// Push a function object for `code`: closure cells (if it has free variables), then
    /// MAKE_FUNCTION with `flags` (defaults/kwdefaults already on the stack).
    fn make_function(&mut self, code: Rc<Code>, mut flags: u32, range: TextRange) -> CResult<()> {
        if !code.freevars.is_empty() {
            for name in code.freevars.iter() {
                let Some(i) = self.scope().deref_index(name) else {
                    return Err(self.error(range, format!("internal compiler error: no cell for free variable '{name}'")));
                };
                self.emit(Op::LoadClosure, i as u32);
            }
            self.emit(Op::BuildTuple, code.freevars.len() as u32);
            flags |= 8;
        }
        let i = self.const_index(Value::Code(code));
        self.emit(Op::LoadConst, i);
        self.emit(Op::MakeFunction, flags);
        Ok(())
    }

    // ----- statements -----

    fn stmts(&mut self, body: &[Stmt]) -> CResult<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> CResult<()> {
        let saved = self.set_line(stmt.range());
        let result = self.stmt_inner(stmt);
        self.unit.line = saved;
        result
    }

    fn stmt_inner(&mut self, stmt: &Stmt) -> CResult<()> {
        match stmt {
            Stmt::FunctionDef(f) => self.function_def(f),
            Stmt::ClassDef(c) => self.class_def(c),
            Stmt::Return(r) => self.return_stmt(r),
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete_target(t)?;
                }
                Ok(())
            }
            Stmt::TypeAlias(t) => Err(self.unsupported(t.range, "'type' statements are")),
            Stmt::Assign(a) => self.assign(&a.targets, &a.value),
            Stmt::AugAssign(a) => self.aug_assign(a),
            Stmt::AnnAssign(a) => self.ann_assign(a),
            Stmt::For(f) => {
                if f.is_async {
                    return Err(self.unsupported(f.range, "'async for' loops are"));
                }
                self.for_stmt(f)
            }
            Stmt::While(w) => self.while_stmt(w),
            Stmt::If(i) => self.if_stmt(i),
            Stmt::With(w) => self.with_stmt(w),
            Stmt::Match(m) => Err(self.unsupported(m.range, "'match' statements are")),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(exc) = &r.exc {
                    self.expr(exc)?;
                    n = 1;
                    if let Some(cause) = &r.cause {
                        self.expr(cause)?;
                        n = 2;
                    }
                }
                self.set_line(r.range);
                self.emit(Op::RaiseVarargs, n);
                Ok(())
            }
            Stmt::Try(t) => self.try_stmt(t),
            Stmt::Assert(a) => {
                let end = self.new_label();
                self.jump_if(&a.test, true, end)?;
                self.emit(Op::LoadAssertionError, 0);
                if let Some(msg) = &a.msg {
                    self.expr(msg)?;
                    self.set_line(a.range);
                    self.emit(Op::Call, 1);
                }
                self.emit(Op::RaiseVarargs, 1);
                self.bind(end);
                Ok(())
            }
            Stmt::Import(i) => self.import(i),
            Stmt::ImportFrom(i) => self.import_from(i),
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
            Stmt::Expr(e) => self.expr_stmt(&e.value),
            Stmt::Break(b) => self.break_stmt(b.range),
            Stmt::Continue(c) => self.continue_stmt(c.range),
            Stmt::IpyEscapeCommand(c) => Err(self.error(c.range, "invalid syntax")),
        }
    }

    fn expr_stmt(&mut self, value: &Expr) -> CResult<()> {
        if self.mode == Mode::Interactive && self.unit.kind == ScopeKind::Module {
            self.expr(value)?;
            self.emit(Op::PrintExpr, 0);
            return Ok(());
        }
        if self.constant(value).is_some() {
            // A constant statement (a docstring, `...`) does nothing.
            return Ok(());
        }
        self.expr(value)?;
        self.emit(Op::PopTop, 0);
        Ok(())
    }

    fn return_stmt(&mut self, r: &ast::StmtReturn) -> CResult<()> {
        if matches!(self.unit.kind, ScopeKind::Module | ScopeKind::Class) {
            return Err(self.error(r.range, "'return' outside function"));
        }
        let constant = match &r.value {
            None => Some(Value::None),
            Some(v) => self.constant(v),
        };
        let saved = self.unit.blocks.clone();
        let saved_handler = self.unit.asm.current_handler();
        match (&r.value, constant) {
            (_, Some(c)) => {
                self.unwind_blocks(false, false)?;
                self.load_const(c);
            }
            (Some(v), None) => {
                self.expr(v)?;
                self.unwind_blocks(true, false)?;
            }
            (None, None) => {}
        }
        self.set_line(r.range);
        self.emit(Op::ReturnValue, 0);
        self.unit.blocks = saved;
        self.unit.asm.set_handler(saved_handler);
        Ok(())
    }

    fn break_stmt(&mut self, range: TextRange) -> CResult<()> {
        let saved = self.unit.blocks.clone();
        let saved_handler = self.unit.asm.current_handler();
        let result = match self.unwind_blocks(false, true)? {
            None => Err(self.error(range, "'break' outside loop")),
            Some(Block::For { break_to, .. }) => {
                self.emit(Op::PopTop, 0);
                self.emit_jump(Op::Jump, break_to);
                Ok(())
            }
            Some(Block::While { break_to, .. }) => {
                self.emit_jump(Op::Jump, break_to);
                Ok(())
            }
            Some(_) => Err(self.error(range, "internal compiler error: break target")),
        };
        self.unit.blocks = saved;
        self.unit.asm.set_handler(saved_handler);
        result
    }

    fn continue_stmt(&mut self, range: TextRange) -> CResult<()> {
        let saved = self.unit.blocks.clone();
        let saved_handler = self.unit.asm.current_handler();
        let result = match self.unwind_blocks(false, true)? {
            None => Err(self.error(range, "'continue' not properly in loop")),
            Some(Block::For { continue_to, .. }) | Some(Block::While { continue_to, .. }) => {
                self.emit_jump(Op::Jump, continue_to);
                Ok(())
            }
            Some(_) => Err(self.error(range, "internal compiler error: continue target")),
        };
        self.unit.blocks = saved;
        self.unit.asm.set_handler(saved_handler);
        result
    }

    fn push_block(&mut self, block: Block, range: TextRange) -> CResult<()> {
        if self.unit.blocks.len() >= MAX_BLOCKS {
            return Err(self.error(range, "too many statically nested blocks"));
        }
        self.unit.blocks.push(block);
        Ok(())
    }

    fn if_stmt(&mut self, i: &ast::StmtIf) -> CResult<()> {
        let end = self.new_label();
        let mut next = self.new_label();
        self.jump_if(&i.test, false, next)?;
        self.stmts(&i.body)?;
        for clause in &i.elif_else_clauses {
            self.emit_jump(Op::Jump, end);
            self.set_line(clause.range);
            self.bind(next);
            next = self.new_label();
            if let Some(test) = &clause.test {
                self.jump_if(test, false, next)?;
            }
            self.stmts(&clause.body)?;
        }
        self.bind(next);
        self.bind(end);
        Ok(())
    }

    fn while_stmt(&mut self, w: &ast::StmtWhile) -> CResult<()> {
        let body = self.new_label();
        let cont = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        self.jump_if(&w.test, false, orelse)?;
        self.bind(body);
        self.push_block(Block::While { continue_to: cont, break_to: end }, w.range)?;
        self.stmts(&w.body)?;
        self.unit.blocks.pop();
        self.bind(cont);
        self.set_line(w.test.range());
        self.jump_if(&w.test, true, body)?;
        self.bind(orelse);
        self.stmts(&w.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn for_stmt(&mut self, f: &ast::StmtFor) -> CResult<()> {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.expr(&f.iter)?;
        self.set_line(f.range);
        self.emit(Op::GetIter, 0);
        self.bind(start);
        self.emit_jump(Op::ForIter, cleanup);
        self.store(&f.target)?;
        self.push_block(Block::For { continue_to: start, break_to: end }, f.range)?;
        self.stmts(&f.body)?;
        self.unit.blocks.pop();
        self.set_line(f.range);
        self.emit_jump(Op::Jump, start);
        self.bind(cleanup);
        self.stmts(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn import(&mut self, i: &ast::StmtImport) -> CResult<()> {
        for alias in &i.names {
            let full = alias.name.as_str();
            self.load_const(Value::Int(0));
            self.load_const(Value::None);
            let idx = self.name_index(full);
            self.emit(Op::ImportName, idx);
            match &alias.asname {
                None => {
                    let top = full.split('.').next().unwrap_or(full);
                    self.store_name(top, alias.range)?;
                }
                Some(asname) => {
                    // IMPORT_NAME returned the top package: walk down to the submodule.
                    for part in full.split('.').skip(1) {
                        let idx = self.name_index(part);
                        self.emit(Op::ImportFrom, idx);
                        self.emit(Op::Swap, 2);
                        self.emit(Op::PopTop, 0);
                    }
                    self.store_name(asname.as_str(), asname.range)?;
                }
            }
        }
        Ok(())
    }

    fn import_from(&mut self, i: &ast::StmtImportFrom) -> CResult<()> {
        let names: Vec<Value> = i.names.iter().map(|a| Value::str(a.name.as_str())).collect();
        self.load_const(Value::Int(i.level as i64));
        self.load_const(Value::tuple(names));
        let module = i.module.as_ref().map(|m| m.as_str()).unwrap_or("");
        let idx = self.name_index(module);
        self.emit(Op::ImportName, idx);
        if i.names.len() == 1 && i.names[0].name.as_str() == "*" {
            self.emit(Op::ImportStar, 0);
            return Ok(());
        }
        for alias in &i.names {
            let idx = self.name_index(alias.name.as_str());
            self.emit(Op::ImportFrom, idx);
            let target = alias.asname.as_ref().unwrap_or(&alias.name);
            self.store_name(target.as_str(), alias.range)?;
        }
        self.emit(Op::PopTop, 0);
        Ok(())
    }

    // ----- functions -----

    fn function_def(&mut self, f: &ast::StmtFunctionDef) -> CResult<()> {
        if f.is_async {
            return Err(self.unsupported(f.range, "'async def' functions are"));
        }
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
        }
        // `f.range` starts at the first decorator; the `def` line is the name's.
        self.set_line(f.name.range);
        let flags = self.parameter_defaults(&f.parameters)?;
        let scope = self.child_scope(f, f.range)?;
        let firstlineno = match f.decorator_list.first() {
            Some(d) => self.index.line(d.range.start()),
            None => self.index.line(f.range.start()),
        };
        self.push_unit(scope, Rc::from(f.name.as_str()), firstlineno)?;
        self.set_line(f.name.range);
        self.set_parameter_counts(&f.parameters);
        let body = match f.body.split_first() {
            Some((Stmt::Expr(e), rest)) if matches!(&*e.value, Expr::StringLiteral(_)) => {
                if let Expr::StringLiteral(doc) = &*e.value {
                    self.unit.doc = Value::str(doc.value.to_str());
                }
                rest
            }
            _ => &f.body[..],
        };
        let result = self.stmts(body);
        if let Err(e) = result {
            self.abandon_unit();
            return Err(e);
        }
        // The implicit `return None` belongs to the last line of the body.
        if let Some(last) = f.body.last() {
            self.set_line(TextRange::empty(last.range().end()));
        }
        self.load_const(Value::None);
        self.emit(Op::ReturnValue, 0);
        let code = self.pop_unit()?;
        self.set_line(f.name.range);
        self.make_function(code, flags, f.range)?;
        for _ in &f.decorator_list {
            self.emit(Op::Call, 1);
        }
        self.store_name(f.name.as_str(), f.name.range)
    }

    fn child_scope<T>(&self, node: &T, range: TextRange) -> CResult<ScopeId> {
        self.table
            .scope_of(node)
            .ok_or_else(|| self.error(range, "internal compiler error: scope missing from the symbol table"))
    }

    /// Push the defaults tuple and the keyword-only defaults dict; returns MAKE_FUNCTION flags.
    fn parameter_defaults(&mut self, params: &ast::Parameters) -> CResult<u32> {
        let mut flags = 0;
        let positional: Vec<&Expr> = params
            .posonlyargs
            .iter()
            .chain(params.args.iter())
            .filter_map(|p| p.default.as_deref())
            .collect();
        if !positional.is_empty() {
            let consts: Option<Vec<Value>> = positional.iter().map(|e| self.constant(e)).collect();
            match consts {
                Some(values) => self.load_const(Value::tuple(values)),
                None => {
                    for e in &positional {
                        self.expr(e)?;
                    }
                    self.emit(Op::BuildTuple, positional.len() as u32);
                }
            }
            flags |= 1;
        }
        let mut nkw = 0;
        for p in &params.kwonlyargs {
            if let Some(d) = &p.default {
                self.load_const(Value::str(p.parameter.name.as_str()));
                self.expr(d)?;
                nkw += 1;
            }
        }
        if nkw > 0 {
            self.emit(Op::BuildMap, nkw);
            flags |= 2;
        }
        Ok(flags)
    }

    fn set_parameter_counts(&mut self, params: &ast::Parameters) {
        self.unit.posonlyargcount = params.posonlyargs.len() as u32;
        self.unit.argcount = (params.posonlyargs.len() + params.args.len()) as u32;
        self.unit.kwonlyargcount = params.kwonlyargs.len() as u32;
        if params.vararg.is_some() {
            self.unit.flags |= code_flags::VARARGS;
        }
        if params.kwarg.is_some() {
            self.unit.flags |= code_flags::VARKEYWORDS;
        }
    }

    fn lambda(&mut self, l: &ast::ExprLambda) -> CResult<()> {
        let flags = match &l.parameters {
            Some(p) => self.parameter_defaults(p)?,
            None => 0,
        };
        let scope = self.child_scope(l, l.range)?;
        let line = self.index.line(l.range.start());
        self.push_unit(scope, Rc::from("<lambda>"), line)?;
        if let Some(p) = &l.parameters {
            self.set_parameter_counts(p);
        }
        if let Err(e) = self.expr(&l.body) {
            self.abandon_unit();
            return Err(e);
        }
        self.emit(Op::ReturnValue, 0);
        let code = self.pop_unit()?;
        self.make_function(code, flags, l.range)
    }

    // ----- assignment -----

    fn assign(&mut self, targets: &[Expr], value: &Expr) -> CResult<()> {
        if let ([target], Some(n)) = (targets, self.swap_assignment_len(targets, value)) {
            // `a, b = b, a`: evaluate the values, reverse them with swaps, store in order.
            let (Expr::Tuple(ast::ExprTuple { elts: values, .. }) | Expr::List(ast::ExprList { elts: values, .. })) = value
            else {
                return Err(self.error(value.range(), "internal compiler error: swap assignment"));
            };
            for v in values {
                self.expr(v)?;
            }
            self.emit(Op::Swap, n as u32);
            let (Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. })) = target else {
                return Err(self.error(target.range(), "internal compiler error: swap assignment"));
            };
            for t in elts {
                self.store(t)?;
            }
            return Ok(());
        }
        self.expr(value)?;
        for (i, target) in targets.iter().enumerate() {
            if i + 1 < targets.len() {
                self.emit(Op::Copy, 1);
            }
            self.store(target)?;
        }
        Ok(())
    }

    /// For `a, b = x, y` (or three items) with no starred items: the item count.
    fn swap_assignment_len(&self, targets: &[Expr], value: &Expr) -> Option<usize> {
        let [target] = targets else { return None };
        let target_elts = match target {
            Expr::Tuple(t) => &t.elts,
            Expr::List(l) => &l.elts,
            _ => return None,
        };
        let value_elts = match value {
            Expr::Tuple(t) => &t.elts,
            Expr::List(l) => &l.elts,
            _ => return None,
        };
        let n = target_elts.len();
        if !(2..=3).contains(&n) || value_elts.len() != n {
            return None;
        }
        if target_elts.iter().chain(value_elts.iter()).any(|e| matches!(e, Expr::Starred(_))) {
            return None;
        }
        Some(n)
    }

    /// Store TOS into an assignment target.
    fn store(&mut self, target: &Expr) -> CResult<()> {
        let saved = self.set_line(target.range());
        let result = self.store_inner(target);
        self.unit.line = saved;
        result
    }

    fn store_inner(&mut self, target: &Expr) -> CResult<()> {
        match target {
            Expr::Name(n) => self.store_name(n.id.as_str(), n.range),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let idx = self.attr_index(a.attr.as_str());
                self.emit(Op::StoreAttr, idx);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit(Op::StoreSubscr, 0);
                Ok(())
            }
            Expr::Tuple(ast::ExprTuple { elts, range, .. }) | Expr::List(ast::ExprList { elts, range, .. }) => {
                self.unpack(elts, *range)
            }
            Expr::Starred(s) => Err(self.error(s.range, "starred assignment target must be in a list or tuple")),
            other => Err(self.error(other.range(), "cannot assign to expression")),
        }
    }

    fn unpack(&mut self, elts: &[Expr], range: TextRange) -> CResult<()> {
        let mut star: Option<usize> = None;
        for (i, e) in elts.iter().enumerate() {
            if matches!(e, Expr::Starred(_)) {
                if star.is_some() {
                    return Err(self.error(range, "multiple starred expressions in assignment"));
                }
                star = Some(i);
            }
        }
        match star {
            None => self.emit(Op::UnpackSequence, elts.len() as u32),
            Some(before) => {
                let after = elts.len() - before - 1;
                if before > 0xff || after > 0xffff {
                    return Err(self.error(range, "too many expressions in star-unpacking assignment"));
                }
                self.emit(Op::UnpackEx, (before | (after << 8)) as u32);
            }
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.store(&s.value)?,
                other => self.store(other)?,
            }
        }
        Ok(())
    }

    fn aug_assign(&mut self, a: &ast::StmtAugAssign) -> CResult<()> {
        let op = binary_op(a.op);
        match &*a.target {
            Expr::Name(n) => {
                self.load_name(n.id.as_str());
                self.expr(&a.value)?;
                self.set_line(a.range);
                self.emit(op.opcode(), op.arg(true));
                self.store_name(n.id.as_str(), n.range)
            }
            Expr::Attribute(attr) => {
                self.expr(&attr.value)?;
                let idx = self.attr_index(attr.attr.as_str());
                self.emit(Op::Copy, 1);
                self.emit(Op::LoadAttr, idx);
                self.expr(&a.value)?;
                self.set_line(a.range);
                self.emit(op.opcode(), op.arg(true));
                self.emit(Op::Swap, 2);
                self.emit(Op::StoreAttr, idx);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit(Op::Copy, 2);
                self.emit(Op::Copy, 2);
                self.emit(Op::BinarySubscr, 0);
                self.expr(&a.value)?;
                self.set_line(a.range);
                self.emit(op.opcode(), op.arg(true));
                self.emit(Op::Swap, 3);
                self.emit(Op::Swap, 2);
                self.emit(Op::StoreSubscr, 0);
                Ok(())
            }
            other => Err(self.error(other.range(), "'expression' is an illegal expression for augmented assignment")),
        }
    }

    fn delete_target(&mut self, target: &Expr) -> CResult<()> {
        let saved = self.set_line(target.range());
        let result = match target {
            Expr::Name(n) => self.delete_name(n.id.as_str(), n.range),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let idx = self.attr_index(a.attr.as_str());
                self.emit(Op::DeleteAttr, idx);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit(Op::DeleteSubscr, 0);
                Ok(())
            }
            Expr::Tuple(t) => t.elts.iter().try_for_each(|e| self.delete_target(e)),
            Expr::List(l) => l.elts.iter().try_for_each(|e| self.delete_target(e)),
            other => Err(self.error(other.range(), "cannot delete expression")),
        };
        self.unit.line = saved;
        result
    }

    // ----- expressions -----

    fn expr(&mut self, e: &Expr) -> CResult<()> {
        let saved = self.set_line(e.range());
        let result = self.expr_inner(e);
        self.unit.line = saved;
        result
    }

    fn expr_inner(&mut self, e: &Expr) -> CResult<()> {
        match e {
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let op = if b.op == ast::BoolOp::And { Op::JumpIfFalseOrPop } else { Op::JumpIfTrueOrPop };
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < n {
                        self.emit_jump(op, end);
                    }
                }
                self.bind(end);
                Ok(())
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Op::Copy, 1);
                self.store(&n.target)
            }
            Expr::BinOp(b) => {
                if let Some(c) = self.constant(e) {
                    self.load_const(c);
                    return Ok(());
                }
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                let op = binary_op(b.op);
                self.emit(op.opcode(), op.arg(false));
                Ok(())
            }
            Expr::UnaryOp(u) => {
                if let Some(c) = self.constant(e) {
                    self.load_const(c);
                    return Ok(());
                }
                self.expr(&u.operand)?;
                let op = match u.op {
                    ast::UnaryOp::Invert => Op::UnaryInvert,
                    ast::UnaryOp::Not => Op::UnaryNot,
                    ast::UnaryOp::UAdd => Op::UnaryPositive,
                    ast::UnaryOp::USub => Op::UnaryNegative,
                };
                self.emit(op, 0);
                Ok(())
            }
            Expr::Lambda(l) => self.lambda(l),
            Expr::If(i) => {
                let orelse = self.new_label();
                let end = self.new_label();
                self.jump_if(&i.test, false, orelse)?;
                self.expr(&i.body)?;
                self.emit_jump(Op::Jump, end);
                self.bind(orelse);
                self.expr(&i.orelse)?;
                self.bind(end);
                Ok(())
            }
            Expr::Dict(d) => self.dict_display(d),
            Expr::Set(s) => self.sequence_display(&s.elts, Op::BuildSet),
            Expr::List(l) => self.sequence_display(&l.elts, Op::BuildList),
            Expr::Tuple(t) => {
                if let Some(c) = self.constant(e) {
                    self.load_const(c);
                    return Ok(());
                }
                self.sequence_display(&t.elts, Op::BuildTuple)
            }
            Expr::ListComp(c) => self.comprehension(c, c.range, "<listcomp>", CompKind::List, &c.generators, &c.elt, None),
            Expr::SetComp(c) => self.comprehension(c, c.range, "<setcomp>", CompKind::Set, &c.generators, &c.elt, None),
            Expr::DictComp(c) => match &c.key {
                Some(key) => {
                    self.comprehension(c, c.range, "<dictcomp>", CompKind::Dict, &c.generators, key, Some(&c.value))
                }
                None => Err(self.error(c.range, "dict unpacking cannot be used in dict comprehension")),
            },
            Expr::Generator(g) => self.generator_expression(g),
            Expr::Await(a) => Err(self.unsupported(a.range, "'await' expressions are")),
            Expr::Yield(y) => self.yield_expr(y),
            Expr::YieldFrom(y) => self.yield_from_expr(y),
            Expr::Compare(c) => self.compare(c),
            Expr::Call(c) => self.call(c),
            Expr::FString(f) => self.fstring(f),
            Expr::TString(t) => Err(self.unsupported(t.range, "t-strings are")),
            Expr::StringLiteral(s) => {
                self.load_const(Value::str(s.value.to_str()));
                Ok(())
            }
            Expr::BytesLiteral(b) => {
                self.load_const(crate::objects::bytes::new_bytes(b.value.bytes().collect()));
                Ok(())
            }
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Complex { .. } => Err(self.unsupported(n.range, "complex literals are")),
                _ => match self.constant(e) {
                    Some(v) => {
                        self.load_const(v);
                        Ok(())
                    }
                    None => Err(self.error(n.range, "invalid number literal")),
                },
            },
            Expr::BooleanLiteral(b) => {
                self.load_const(Value::bool(b.value));
                Ok(())
            }
            Expr::NoneLiteral(_) => {
                self.load_const(Value::None);
                Ok(())
            }
            Expr::EllipsisLiteral(_) => {
                self.load_const(Value::Ellipsis);
                Ok(())
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let idx = self.attr_index(a.attr.as_str());
                self.emit(Op::LoadAttr, idx);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.set_line(s.range);
                self.emit(Op::BinarySubscr, 0);
                Ok(())
            }
            Expr::Starred(s) => Err(self.error(s.range, "can't use starred expression here")),
            Expr::Name(n) => {
                self.load_name(n.id.as_str());
                Ok(())
            }
            Expr::Slice(s) => Err(self.error(s.range, "invalid syntax")),
            Expr::IpyEscapeCommand(c) => Err(self.error(c.range, "invalid syntax")),
        }
    }

    /// The index of a subscript: a slice becomes BUILD_SLICE.
    fn subscript_index(&mut self, index: &Expr) -> CResult<()> {
        match index {
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(e) => self.expr(e)?,
                        None => self.load_const(Value::None),
                    }
                }
                match &s.step {
                    Some(step) => {
                        self.expr(step)?;
                        self.emit(Op::BuildSlice, 3);
                    }
                    None => self.emit(Op::BuildSlice, 2),
                }
                Ok(())
            }
            other => self.expr(other),
        }
    }

    /// List, tuple and set displays, with `*x` items.
    fn sequence_display(&mut self, elts: &[Expr], build: Op) -> CResult<()> {
        let (extend, add) = match build {
            Op::BuildSet => (Op::SetUpdate, Op::SetAdd),
            _ => (Op::ListExtend, Op::ListAppend),
        };
        let collect_op = if build == Op::BuildSet { Op::BuildSet } else { Op::BuildList };
        let has_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        let n = elts.len();
        // Three or more constants: extend an empty collection from a constant tuple.
        if !has_star && n >= 3 && build != Op::BuildTuple {
            let consts: Option<Vec<Value>> = elts.iter().map(|e| self.constant(e)).collect();
            if let Some(values) = consts {
                // Sets load a frozenset constant, as CPython does: updating the new set from
                // it reproduces CPython's iteration order for the display.
                let constant = if build == Op::BuildSet {
                    PySet::from_constant_literal(values.iter().cloned())
                        .map(|set| Value::FrozenSet(Rc::new(set)))
                        .unwrap_or_else(|_| Value::tuple(values))
                } else {
                    Value::tuple(values)
                };
                self.emit(collect_op, 0);
                self.load_const(constant);
                self.emit(extend, 1);
                return Ok(());
            }
        }
        if !has_star && n <= STACK_USE_GUIDELINE {
            for e in elts {
                self.expr(e)?;
            }
            self.emit(build, n as u32);
            return Ok(());
        }
        // Build incrementally: the items before the first star in one go (unless the display
        // is big), then append/extend one item at a time.
        let leading = if has_star {
            elts.iter().position(|e| matches!(e, Expr::Starred(_))).unwrap_or(0)
        } else {
            0
        };
        for e in &elts[..leading] {
            self.expr(e)?;
        }
        self.emit(collect_op, leading as u32);
        for e in &elts[leading..] {
            match e {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(extend, 1);
                }
                other => {
                    self.expr(other)?;
                    self.emit(add, 1);
                }
            }
        }
        if build == Op::BuildTuple {
            self.emit(Op::ListToTuple, 0);
        }
        Ok(())
    }

    fn dict_display(&mut self, d: &ast::ExprDict) -> CResult<()> {
        let has_unpack = d.items.iter().any(|i| i.key.is_none());
        let n = d.items.len();
        if !has_unpack && n <= STACK_USE_GUIDELINE / 2 {
            for item in &d.items {
                if let Some(k) = &item.key {
                    self.expr(k)?;
                }
                self.expr(&item.value)?;
            }
            self.emit(Op::BuildMap, n as u32);
            return Ok(());
        }
        // Chunks of up to 16 pairs merged into the first dict; `**m` updates it.
        let mut have_dict = false;
        let mut pending = 0u32;
        for item in &d.items {
            match &item.key {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(&item.value)?;
                    pending += 1;
                    if pending == 16 {
                        self.emit(Op::BuildMap, pending);
                        if have_dict {
                            self.emit(Op::DictUpdate, 1);
                        }
                        have_dict = true;
                        pending = 0;
                    }
                }
                None => {
                    if pending > 0 {
                        self.emit(Op::BuildMap, pending);
                        if have_dict {
                            self.emit(Op::DictUpdate, 1);
                        }
                        have_dict = true;
                        pending = 0;
                    }
                    if !have_dict {
                        self.emit(Op::BuildMap, 0);
                        have_dict = true;
                    }
                    self.expr(&item.value)?;
                    self.emit(Op::DictUpdate, 1);
                }
            }
        }
        if pending > 0 {
            self.emit(Op::BuildMap, pending);
            if have_dict {
                self.emit(Op::DictUpdate, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(Op::BuildMap, 0);
        }
        Ok(())
    }

    fn compare_op(&mut self, op: ast::CmpOp) {
        use ast::CmpOp as C;
        match op {
            C::Eq => self.emit(Op::CompareOp, CompareOp::Eq as u32),
            C::NotEq => self.emit(Op::CompareOp, CompareOp::Ne as u32),
            C::Lt => self.emit(Op::CompareOp, CompareOp::Lt as u32),
            C::LtE => self.emit(Op::CompareOp, CompareOp::Le as u32),
            C::Gt => self.emit(Op::CompareOp, CompareOp::Gt as u32),
            C::GtE => self.emit(Op::CompareOp, CompareOp::Ge as u32),
            C::Is => self.emit(Op::IsOp, 0),
            C::IsNot => self.emit(Op::IsOp, 1),
            C::In => self.emit(Op::ContainsOp, 0),
            C::NotIn => self.emit(Op::ContainsOp, 1),
        }
    }

    fn compare(&mut self, c: &ast::ExprCompare) -> CResult<()> {
        let n = c.ops.len();
        if n == 0 || c.comparators.len() != n {
            return Err(self.error(c.range, "invalid syntax"));
        }
        self.expr(&c.left)?;
        if n == 1 {
            self.expr(&c.comparators[0])?;
            self.set_line(c.range);
            self.compare_op(c.ops[0]);
            return Ok(());
        }
        // a < b < c: keep b for the next comparison, short-circuit on the first false.
        let cleanup = self.new_label();
        let end = self.new_label();
        for i in 0..n - 1 {
            self.expr(&c.comparators[i])?;
            self.set_line(c.range);
            self.emit(Op::Swap, 2);
            self.emit(Op::Copy, 2);
            self.compare_op(c.ops[i]);
            self.emit_jump(Op::JumpIfFalseOrPop, cleanup);
        }
        self.expr(&c.comparators[n - 1])?;
        self.set_line(c.range);
        self.compare_op(c.ops[n - 1]);
        self.emit_jump(Op::Jump, end);
        self.bind(cleanup);
        self.emit(Op::Swap, 2);
        self.emit(Op::PopTop, 0);
        self.bind(end);
        Ok(())
    }

    /// Evaluate `e` for its truth and jump to `target` if it equals `cond`.
    fn jump_if(&mut self, e: &Expr, cond: bool, target: Label) -> CResult<()> {
        let saved = self.set_line(e.range());
        let result = self.jump_if_inner(e, cond, target);
        self.unit.line = saved;
        result
    }

    fn jump_if_inner(&mut self, e: &Expr, cond: bool, target: Label) -> CResult<()> {
        if let Some(truth) = self.constant_truth(e) {
            if truth == cond {
                self.emit_jump(Op::Jump, target);
            }
            return Ok(());
        }
        match e {
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => self.jump_if(&u.operand, !cond, target),
            Expr::BoolOp(b) => {
                let is_or = b.op == ast::BoolOp::Or;
                let n = b.values.len();
                if is_or == cond {
                    // `a or b` jumping if true (or `a and b` jumping if false): any operand does.
                    for v in &b.values {
                        self.jump_if(v, cond, target)?;
                    }
                } else {
                    let next = self.new_label();
                    for (i, v) in b.values.iter().enumerate() {
                        if i + 1 < n {
                            self.jump_if(v, !cond, next)?;
                        } else {
                            self.jump_if(v, cond, target)?;
                        }
                    }
                    self.bind(next);
                }
                Ok(())
            }
            Expr::Compare(c) if c.ops.len() > 1 && c.comparators.len() == c.ops.len() => {
                let n = c.ops.len();
                let cleanup = self.new_label();
                let end = self.new_label();
                self.expr(&c.left)?;
                for i in 0..n - 1 {
                    self.expr(&c.comparators[i])?;
                    self.set_line(c.range);
                    self.emit(Op::Swap, 2);
                    self.emit(Op::Copy, 2);
                    self.compare_op(c.ops[i]);
                    self.emit_jump(Op::PopJumpIfFalse, cleanup);
                }
                self.expr(&c.comparators[n - 1])?;
                self.set_line(c.range);
                self.compare_op(c.ops[n - 1]);
                self.emit_jump(if cond { Op::PopJumpIfTrue } else { Op::PopJumpIfFalse }, target);
                self.emit_jump(Op::Jump, end);
                self.bind(cleanup);
                self.emit(Op::PopTop, 0);
                if !cond {
                    self.emit_jump(Op::Jump, target);
                }
                self.bind(end);
                Ok(())
            }
            _ => {
                self.expr(e)?;
                self.set_line(e.range());
                self.emit_jump(if cond { Op::PopJumpIfTrue } else { Op::PopJumpIfFalse }, target);
                Ok(())
            }
        }
    }

    fn call(&mut self, c: &ast::ExprCall) -> CResult<()> {
        let args = &c.arguments.args;
        let keywords = &c.arguments.keywords;
        // A keyword given twice is a compile-time error.
        for (i, k) in keywords.iter().enumerate() {
            if let Some(name) = &k.arg {
                if keywords[..i].iter().any(|p| p.arg.as_ref().is_some_and(|n| n.as_str() == name.as_str())) {
                    return Err(self.error(k.range, format!("keyword argument repeated: {name}")));
                }
            }
        }
        let has_star =
            args.iter().any(|a| matches!(a, Expr::Starred(_))) || keywords.iter().any(|k| k.arg.is_none());
        if let Expr::Attribute(attr) = &*c.func {
            if keywords.is_empty() && !has_star {
                self.expr(&attr.value)?;
                self.set_line(attr.range);
                let idx = self.attr_index(attr.attr.as_str());
                self.emit(Op::LoadMethod, idx);
                for a in args.iter() {
                    self.expr(a)?;
                }
                self.set_line(c.range());
                self.emit(Op::CallMethod, args.len() as u32);
                return Ok(());
            }
        }
        self.expr(&c.func)?;
        if has_star {
            return self.call_ex(args, keywords, c.range());
        }
        for a in args.iter() {
            self.expr(a)?;
        }
        if keywords.is_empty() {
            self.set_line(c.range());
            self.emit(Op::Call, args.len() as u32);
            return Ok(());
        }
        let mut names = Vec::with_capacity(keywords.len());
        for k in keywords.iter() {
            self.expr(&k.value)?;
            if let Some(name) = &k.arg {
                names.push(Value::str(name.as_str()));
            }
        }
        self.set_line(c.range());
        self.load_const(Value::tuple(names));
        self.emit(Op::CallKw, (args.len() + keywords.len()) as u32);
        Ok(())
    }

    /// A call with `*args` or `**kwargs`: a positional tuple (and a keyword dict), CALL_EX.
    fn call_ex(&mut self, args: &[Expr], keywords: &[ast::Keyword], range: TextRange) -> CResult<()> {
        match args {
            [Expr::Starred(s)] => self.expr(&s.value)?,
            _ if !args.iter().any(|a| matches!(a, Expr::Starred(_))) => {
                for a in args {
                    self.expr(a)?;
                }
                self.emit(Op::BuildTuple, args.len() as u32);
            }
            _ => {
                self.sequence_display(args, Op::BuildTuple)?;
            }
        }
        if keywords.is_empty() {
            self.set_line(range);
            self.emit(Op::CallEx, 0);
            return Ok(());
        }
        let mut have_dict = false;
        let mut pending = 0u32;
        for k in keywords {
            match &k.arg {
                Some(name) => {
                    self.load_const(Value::str(name.as_str()));
                    self.expr(&k.value)?;
                    pending += 1;
                }
                None => {
                    if pending > 0 {
                        self.emit(Op::BuildMap, pending);
                        if have_dict {
                            self.emit(Op::DictMerge, 1);
                        }
                        have_dict = true;
                        pending = 0;
                    }
                    if !have_dict {
                        self.emit(Op::BuildMap, 0);
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.emit(Op::DictMerge, 1);
                }
            }
        }
        if pending > 0 {
            self.emit(Op::BuildMap, pending);
            if have_dict {
                self.emit(Op::DictMerge, 1);
            }
        }
        self.set_line(range);
        self.emit(Op::CallEx, 1);
        Ok(())
    }

    // ----- f-strings -----

    fn fstring(&mut self, f: &ast::ExprFString) -> CResult<()> {
        enum Piece<'e> {
            Text(String),
            Field(&'e ast::InterpolatedElement),
        }
        let mut pieces: Vec<Piece> = Vec::new();
        let push_text = |pieces: &mut Vec<Piece>, s: &str| {
            if s.is_empty() {
                return;
            }
            if let Some(Piece::Text(t)) = pieces.last_mut() {
                t.push_str(s);
            } else {
                pieces.push(Piece::Text(s.to_string()));
            }
        };
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(lit) => push_text(&mut pieces, &lit.value),
                ast::FStringPart::FString(fs) => {
                    for el in fs.elements.iter() {
                        match el {
                            ast::InterpolatedStringElement::Literal(l) => push_text(&mut pieces, &l.value),
                            ast::InterpolatedStringElement::Interpolation(i) => {
                                if let Some(debug) = &i.debug_text {
                                    let text = format!("{}{}{}", debug.leading(), debug.expression(), debug.trailing());
                                    push_text(&mut pieces, &text);
                                }
                                pieces.push(Piece::Field(i));
                            }
                        }
                    }
                }
            }
        }
        match pieces.as_slice() {
            [] => {
                self.load_const(Value::str(""));
                return Ok(());
            }
            [Piece::Text(t)] => {
                self.load_const(Value::str(t));
                return Ok(());
            }
            _ => {}
        }
        let n = pieces.len();
        for piece in pieces {
            match piece {
                Piece::Text(t) => self.load_const(Value::string(t)),
                Piece::Field(i) => self.format_field(i)?,
            }
        }
        if n > 1 {
            self.emit(Op::BuildString, n as u32);
        }
        Ok(())
    }

    /// One `{expr!conv:spec}` replacement field: leaves the formatted string on the stack.
    fn format_field(&mut self, i: &ast::InterpolatedElement) -> CResult<()> {
        self.expr(&i.expression)?;
        let mut flags = match i.conversion {
            ast::ConversionFlag::None => 0,
            ast::ConversionFlag::Str => 1,
            ast::ConversionFlag::Repr => 2,
            ast::ConversionFlag::Ascii => 3,
        };
        if i.debug_text.is_some() && flags == 0 && i.format_spec.is_none() {
            flags = 2;
        }
        if let Some(spec) = &i.format_spec {
            let mut count = 0u32;
            let mut text = String::new();
            for el in spec.elements.iter() {
                match el {
                    ast::InterpolatedStringElement::Literal(l) => text.push_str(&l.value),
                    ast::InterpolatedStringElement::Interpolation(inner) => {
                        if !text.is_empty() {
                            self.load_const(Value::string(std::mem::take(&mut text)));
                            count += 1;
                        }
                        if let Some(debug) = &inner.debug_text {
                            let t = format!("{}{}{}", debug.leading(), debug.expression(), debug.trailing());
                            self.load_const(Value::string(t));
                            count += 1;
                        }
                        self.format_field(inner)?;
                        count += 1;
                    }
                }
            }
            if !text.is_empty() || count == 0 {
                self.load_const(Value::string(text));
                count += 1;
            }
            if count > 1 {
                self.emit(Op::BuildString, count);
            }
            flags |= 4;
        }
        self.emit(Op::FormatValue, flags);
        Ok(())
    }

    // ----- comprehensions -----

    #[allow(clippy::too_many_arguments)]
    fn comprehension<T>(
        &mut self,
        node: &T,
        range: TextRange,
        name: &str,
        kind: CompKind,
        generators: &[ast::Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> CResult<()> {
        let Some(first) = generators.first() else {
            return Err(self.error(range, "invalid syntax"));
        };
        let scope = self.child_scope(node, range)?;
        let line = self.index.line(range.start());
        self.push_unit(scope, Rc::from(name), line)?;
        self.unit.argcount = 1;
        let body = (|| -> CResult<()> {
            if let Some(build) = kind.build_op() {
                self.emit(build, 0);
            }
            self.comprehension_loop(generators, 0, kind, elt, value)?;
            self.emit(Op::ReturnValue, 0);
            Ok(())
        })();
        if let Err(e) = body {
            self.abandon_unit();
            return Err(e);
        }
        let code = self.pop_unit()?;
        self.make_function(code, 0, range)?;
        self.expr(&first.iter)?;
        self.set_line(range);
        self.emit(Op::GetIter, 0);
        self.emit(Op::Call, 1);
        Ok(())
    }

    /// The loops of a comprehension or generator expression from `generators[level]` inward;
    /// the outermost iterator is the code object's parameter `.0`.
    pub(super) fn comprehension_loop(
        &mut self,
        generators: &[ast::Comprehension],
        level: usize,
        kind: CompKind,
        elt: &Expr,
        value: Option<&Expr>,
    ) -> CResult<()> {
        let Some(gen) = generators.get(level) else {
            return Ok(());
        };
        let start = self.new_label();
        let exhausted = self.new_label();
        if level == 0 {
            // The outermost iterator is the parameter `.0`.
            self.emit(Op::LoadFast, 0);
        } else {
            self.expr(&gen.iter)?;
            self.emit(Op::GetIter, 0);
        }
        self.bind(start);
        self.emit_jump(Op::ForIter, exhausted);
        self.store(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, false, start)?;
        }
        if level + 1 < generators.len() {
            self.comprehension_loop(generators, level + 1, kind, elt, value)?;
        } else {
            // Below the value(s): the collection, then one iterator per generator.
            let depth = generators.len() as u32 + 1;
            match (kind, value) {
                (CompKind::Dict, Some(v)) => {
                    self.expr(elt)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd, depth);
                }
                (CompKind::Set, _) => {
                    self.expr(elt)?;
                    self.emit(Op::SetAdd, depth);
                }
                (CompKind::Generator, _) => {
                    self.expr(elt)?;
                    self.emit(Op::YieldValue, 0);
                    self.emit(Op::PopTop, 0);
                }
                _ => {
                    self.expr(elt)?;
                    self.emit(Op::ListAppend, depth);
                }
            }
        }
        self.emit_jump(Op::Jump, start);
        self.bind(exhausted);
        Ok(())
    }
}

impl Unit {
    fn new(scope: ScopeId, kind: ScopeKind, name: Rc<str>, qualname: Rc<str>, firstlineno: u32) -> Unit {
        Unit {
            scope,
            kind,
            asm: Assembler::new(),
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            line: firstlineno,
            blocks: Vec::new(),
            name,
            qualname,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: 0,
            firstlineno,
            private: None,
            doc: Value::None,
        }
    }
}
