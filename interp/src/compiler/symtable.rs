//! Symbol tables: one `Scope` per code body (module, function, lambda, comprehension), and for
//! every name used in it whether it is a fast local, a global (declared or implicit), a cell
//! (a local captured by an inner function) or a free variable (captured from outside).
//!
//! Two passes, as in CPython: `Builder` walks the AST once, recording what each scope does with
//! each name (assigns, uses, declares `global`/`nonlocal`, takes it as a parameter); `analyze`
//! then resolves names top-down with the sets of names bound by enclosing functions, and turns
//! locals that inner functions capture into cells, bottom-up.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use ruff_python_ast as ast;
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// Index of a scope in `SymbolTable::scopes`. The module is scope 0.
pub type ScopeId = usize;

/// Nesting depth (statements + expressions) beyond which compilation gives up, like CPython's
/// "maximum recursion depth exceeded during compilation" (which triggers near 3000 levels).
pub const MAX_NESTING: u32 = 2900;

/// The kind of code body a scope belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    Module,
    Function,
    Lambda,
    /// A list, set or dict comprehension or a generator expression: a hidden function taking
    /// the outermost iterator as its parameter `.0`.
    Comprehension,
    /// A class body: names live in the class namespace dict; functions defined in it do not
    /// see its names, but may capture the implicit `__class__` cell.
    Class,
}

impl ScopeKind {
    /// Function-like scopes keep their locals in fast slots.
    pub fn is_function_like(self) -> bool {
        !matches!(self, ScopeKind::Module | ScopeKind::Class)
    }
}

/// Private name mangling: inside class `class_name`, `__spam` (not ending in `__`, without
/// dots) becomes `_Class__spam` (leading underscores of the class name stripped).
pub fn mangle<'n>(class_name: Option<&str>, name: &'n str) -> std::borrow::Cow<'n, str> {
    let Some(class_name) = class_name else { return std::borrow::Cow::Borrowed(name) };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return std::borrow::Cow::Borrowed(name);
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return std::borrow::Cow::Borrowed(name);
    }
    std::borrow::Cow::Owned(format!("_{stripped}{name}"))
}

/// Where a name lives, once resolved.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NameScope {
    /// Bound in this scope: a fast local (a module-level name in a module).
    Local,
    /// Declared `global` in this scope.
    GlobalExplicit,
    /// Not bound in this scope nor in any enclosing function: a global or a builtin.
    GlobalImplicit,
    /// Bound in an enclosing function (or declared `nonlocal`): reached through a cell.
    Free,
    /// Bound here and captured by an inner scope: lives in a cell.
    Cell,
}

/// What a scope does with a name (bit flags of `Symbol::flags`).
pub mod def {
    /// Assigned, deleted, imported, defined by `def`, bound by `for`/`with`/`except`/`:=`.
    pub const LOCAL: u32 = 1 << 0;
    /// A parameter.
    pub const PARAM: u32 = 1 << 1;
    /// Declared `global`.
    pub const GLOBAL: u32 = 1 << 2;
    /// Declared `nonlocal` (or the target of `:=` inside a comprehension in a function).
    pub const NONLOCAL: u32 = 1 << 3;
    /// Read.
    pub const USE: u32 = 1 << 4;
    /// Bound by an import.
    pub const IMPORT: u32 = 1 << 5;
    /// Target of an annotated assignment.
    pub const ANNOT: u32 = 1 << 6;
    /// Iteration variable of a comprehension.
    pub const COMP_ITER: u32 = 1 << 7;
    /// Any binding.
    pub const BOUND: u32 = LOCAL | PARAM | IMPORT;
}

/// One name of one scope.
#[derive(Clone, Debug)]
pub struct Symbol {
    pub name: Rc<str>,
    pub flags: u32,
    pub scope: NameScope,
    /// Where it was declared `global`/`nonlocal` (for error positions).
    decl: TextRange,
}

/// One code body.
#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    /// `f`, `<lambda>`, `<listcomp>`, `<module>`...
    pub name: Rc<str>,
    pub parent: Option<ScopeId>,
    pub children: Vec<ScopeId>,
    symbols: Vec<Symbol>,
    index: HashMap<Rc<str>, usize>,
    /// Parameter names in slot order: positional (positional-only first), keyword-only,
    /// `*args`, `**kwargs`.
    pub params: Vec<Rc<str>>,
    /// Fast locals: the parameters, then the other locals in order of first appearance.
    pub varnames: Vec<Rc<str>>,
    /// Cell variables, sorted by name.
    pub cellvars: Vec<Rc<str>>,
    /// Free variables, sorted by name.
    pub freevars: Vec<Rc<str>>,
    /// The body contains `yield` (or is a generator expression).
    pub is_generator: bool,
    /// The body contains `await`.
    pub is_coroutine: bool,
    pub range: TextRange,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, parent: Option<ScopeId>, range: TextRange) -> Scope {
        Scope {
            kind,
            name: Rc::from(name),
            parent,
            children: Vec::new(),
            symbols: Vec::new(),
            index: HashMap::new(),
            params: Vec::new(),
            varnames: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            range,
        }
    }

    /// The symbol for `name`, if this scope mentions it.
    pub fn symbol(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).and_then(|&i| self.symbols.get(i))
    }

    /// Where `name` lives as seen from this scope (implicitly global if never mentioned).
    pub fn lookup(&self, name: &str) -> NameScope {
        self.symbol(name).map(|s| s.scope).unwrap_or(NameScope::GlobalImplicit)
    }

    /// Every symbol, in order of first appearance.
    pub fn symbols(&self) -> &[Symbol] {
        &self.symbols
    }

    fn flags(&self, name: &str) -> u32 {
        self.symbol(name).map(|s| s.flags).unwrap_or(0)
    }

    fn add(&mut self, name: &str, flags: u32, range: TextRange) -> &mut Symbol {
        let i = match self.index.get(name) {
            Some(&i) => i,
            None => {
                let name: Rc<str> = Rc::from(name);
                self.symbols.push(Symbol {
                    name: name.clone(),
                    flags: 0,
                    scope: NameScope::GlobalImplicit,
                    decl: range,
                });
                let i = self.symbols.len() - 1;
                self.index.insert(name, i);
                i
            }
        };
        let sym = &mut self.symbols[i];
        sym.flags |= flags;
        sym
    }

    /// Index of `name` among the fast locals.
    pub fn varname_index(&self, name: &str) -> Option<usize> {
        self.varnames.iter().position(|n| &**n == name)
    }

    /// Index of `name` in the cell+free ("deref") index space: cellvars then freevars.
    pub fn deref_index(&self, name: &str) -> Option<usize> {
        if let Some(i) = self.cellvars.iter().position(|n| &**n == name) {
            return Some(i);
        }
        self.freevars.iter().position(|n| &**n == name).map(|i| i + self.cellvars.len())
    }
}

/// A symbol-table error: message and the source range it points at.
#[derive(Debug, Clone)]
pub struct SymtableError {
    pub msg: String,
    pub range: TextRange,
}

fn err<T>(msg: impl Into<String>, range: TextRange) -> Result<T, SymtableError> {
    Err(SymtableError { msg: msg.into(), range })
}

/// The scopes of a module, and which AST node opened each one.
#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
}

/// The identity of an AST node: its address (the AST is borrowed, so it does not move between
/// the symbol-table pass and code generation).
fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

impl SymbolTable {
    /// Build and analyze the symbol table of a module body.
    pub fn build(body: &[Stmt], module_range: TextRange) -> Result<SymbolTable, SymtableError> {
        let mut builder = Builder {
            table: SymbolTable { scopes: vec![Scope::new(ScopeKind::Module, "<module>", None, module_range)], by_node: HashMap::new() },
            current: 0,
            depth: 0,
            comp_iter_depth: 0,
            class_names: Vec::new(),
        };
        for stmt in body {
            builder.stmt(stmt)?;
        }
        let mut table = builder.table;
        table.analyze(0, &HashSet::new(), &HashSet::new())?;
        table.finish();
        Ok(table)
    }

    /// The scope opened by an AST node (a function definition, lambda or comprehension).
    pub fn scope_of<T>(&self, node: &T) -> Option<ScopeId> {
        self.by_node.get(&node_key(node)).copied()
    }

    pub fn scope(&self, id: ScopeId) -> Option<&Scope> {
        self.scopes.get(id)
    }

    /// Resolve the names of `id` and its children. `bound`: names bound by enclosing
    /// functions; `global`: names known to be global there. Returns the names that are free in
    /// this scope or its children and not resolved here (they must come from outside).
    fn analyze(
        &mut self,
        id: ScopeId,
        bound: &HashSet<Rc<str>>,
        global: &HashSet<Rc<str>>,
    ) -> Result<HashSet<Rc<str>>, SymtableError> {
        let mut bound = bound.clone();
        let mut global = global.clone();
        let mut local: HashSet<Rc<str>> = HashSet::new();
        let mut free: HashSet<Rc<str>> = HashSet::new();
        let kind = self.scopes[id].kind;

        let nsyms = self.scopes[id].symbols.len();
        for i in 0..nsyms {
            let sym = &self.scopes[id].symbols[i];
            let (name, flags, decl) = (sym.name.clone(), sym.flags, sym.decl);
            let scope = if flags & def::GLOBAL != 0 {
                if flags & def::NONLOCAL != 0 {
                    return err(format!("name '{name}' is nonlocal and global"), decl);
                }
                global.insert(name.clone());
                bound.remove(&name);
                NameScope::GlobalExplicit
            } else if flags & def::NONLOCAL != 0 {
                if !bound.contains(&name) {
                    return err(format!("no binding for nonlocal '{name}' found"), decl);
                }
                free.insert(name.clone());
                NameScope::Free
            } else if flags & def::BOUND != 0 {
                local.insert(name.clone());
                global.remove(&name);
                NameScope::Local
            } else if bound.contains(&name) {
                free.insert(name.clone());
                NameScope::Free
            } else {
                NameScope::GlobalImplicit
            };
            self.scopes[id].symbols[i].scope = scope;
        }

        // What children may capture: the locals of this scope if it is a function, plus what
        // enclosing functions bind.
        let mut child_bound = bound.clone();
        if kind.is_function_like() {
            child_bound.extend(local.iter().cloned());
        }
        if kind == ScopeKind::Class {
            child_bound.insert(Rc::from("__class__"));
        }
        let child_global = global;

        let mut child_free: HashSet<Rc<str>> = HashSet::new();
        let children = self.scopes[id].children.clone();
        for child in children {
            let f = self.analyze(child, &child_bound, &child_global)?;
            child_free.extend(f);
        }

        // A class provides the `__class__` cell its methods capture.
        if kind == ScopeKind::Class && child_free.remove("__class__") {
            let sym = self.scopes[id].add("__class__", 0, TextRange::default());
            sym.scope = NameScope::Cell;
        }
        // Locals captured by children become cells.
        if kind.is_function_like() {
            for sym in self.scopes[id].symbols.iter_mut() {
                if sym.scope == NameScope::Local && child_free.remove(&sym.name) {
                    sym.scope = NameScope::Cell;
                }
            }
        }

        // Names free in children and not resolved here pass through this scope.
        let mut names: Vec<Rc<str>> = child_free.iter().cloned().collect();
        names.sort();
        for name in names {
            if self.scopes[id].symbol(&name).is_some() {
                // A cell here, or already free here, or a global here (then it was not in the
                // children's bound set either).
                continue;
            }
            if !bound.contains(&name) {
                continue;
            }
            let scope = &mut self.scopes[id];
            let sym = scope.add(&name, 0, TextRange::default());
            sym.scope = NameScope::Free;
        }
        free.extend(child_free);
        Ok(free)
    }

    /// Compute the slot lists (varnames, cellvars, freevars) of every scope.
    fn finish(&mut self) {
        for scope in &mut self.scopes {
            let mut varnames = scope.params.clone();
            if scope.kind.is_function_like() {
                for sym in &scope.symbols {
                    if sym.scope == NameScope::Local && !varnames.contains(&sym.name) {
                        varnames.push(sym.name.clone());
                    }
                }
            }
            let mut cellvars: Vec<Rc<str>> =
                scope.symbols.iter().filter(|s| s.scope == NameScope::Cell).map(|s| s.name.clone()).collect();
            cellvars.sort();
            let mut freevars: Vec<Rc<str>> =
                scope.symbols.iter().filter(|s| s.scope == NameScope::Free).map(|s| s.name.clone()).collect();
            freevars.sort();
            scope.varnames = varnames;
            scope.cellvars = cellvars;
            scope.freevars = freevars;
        }
    }
}

/// The first pass: records every scope and what it does with every name.
struct Builder {
    table: SymbolTable,
    current: ScopeId,
    depth: u32,
    /// > 0 while visiting the iterable expression of a comprehension.
    comp_iter_depth: u32,
    /// Names of the enclosing class statements, innermost last (for private name mangling).
    class_names: Vec<Rc<str>>,
}

fn unsupported<T>(what: &str, range: TextRange) -> Result<T, SymtableError> {
    err(format!("{what} not supported by swallow yet"), range)
}

impl Builder {
    fn scope(&mut self) -> &mut Scope {
        &mut self.table.scopes[self.current]
    }

    fn enter_depth(&mut self, range: TextRange) -> Result<(), SymtableError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return err("maximum recursion depth exceeded during compilation", range);
        }
        Ok(())
    }

    /// Open a new scope for `node`, make it current, and return the previous one.
    fn push_scope<T>(&mut self, node: &T, kind: ScopeKind, name: &str, range: TextRange) -> ScopeId {
        let id = self.table.scopes.len();
        self.table.scopes.push(Scope::new(kind, name, Some(self.current), range));
        self.table.scopes[self.current].children.push(id);
        self.table.by_node.insert(node_key(node), id);
        std::mem::replace(&mut self.current, id)
    }

    fn add_def(&mut self, name: &str, flags: u32, range: TextRange) {
        let name = self.mangled(name).into_owned();
        self.scope().add(&name, flags, range);
    }

    /// `name` after private name mangling in the innermost enclosing class.
    fn mangled<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        mangle(self.class_names.last().map(|c| &**c), name)
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), SymtableError> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> Result<(), SymtableError> {
        self.enter_depth(stmt.range())?;
        let result = self.stmt_inner(stmt);
        self.depth -= 1;
        result
    }

    fn stmt_inner(&mut self, stmt: &Stmt) -> Result<(), SymtableError> {
        match stmt {
            Stmt::FunctionDef(f) => {
                if f.type_params.is_some() {
                    return unsupported("type parameters are", f.range);
                }
                for d in &f.decorator_list {
                    self.expr(&d.expression)?;
                }
                self.parameter_defaults(&f.parameters)?;
                self.add_def(f.name.as_str(), def::LOCAL, f.name.range);
                let prev = self.push_scope(f, ScopeKind::Function, f.name.as_str(), f.range);
                if f.is_async {
                    self.scope().is_coroutine = true;
                }
                let result = self.parameters(&f.parameters).and_then(|_| self.stmts(&f.body));
                self.current = prev;
                result
            }
            Stmt::ClassDef(c) => {
                if c.type_params.is_some() {
                    return unsupported("type parameters are", c.range);
                }
                for d in &c.decorator_list {
                    self.expr(&d.expression)?;
                }
                if let Some(arguments) = &c.arguments {
                    self.exprs(&arguments.args)?;
                    for k in &arguments.keywords {
                        self.expr(&k.value)?;
                    }
                }
                self.add_def(c.name.as_str(), def::LOCAL, c.name.range);
                let prev = self.push_scope(c, ScopeKind::Class, c.name.as_str(), c.range);
                self.class_names.push(Rc::from(c.name.as_str()));
                let result = self.stmts(&c.body);
                self.class_names.pop();
                self.current = prev;
                result
            }
            Stmt::Return(r) => self.opt_expr(r.value.as_deref()),
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.expr(t)?;
                }
                Ok(())
            }
            Stmt::TypeAlias(t) => unsupported("'type' statements are", t.range),
            Stmt::Assign(a) => {
                for t in &a.targets {
                    if let Expr::Yield(_) | Expr::YieldFrom(_) = t {
                        return err("assignment to yield expression not possible", t.range());
                    }
                    self.expr(t)?;
                }
                self.expr(&a.value)
            }
            Stmt::AugAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    self.add_def(n.id.as_str(), def::LOCAL | def::USE, n.range);
                } else {
                    self.expr(&a.target)?;
                }
                self.expr(&a.value)
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    let mangled = self.mangled(n.id.as_str()).into_owned();
                    let cur = self.scope().flags(&mangled);
                    if cur & (def::GLOBAL | def::NONLOCAL) != 0 && a.simple {
                        let kind = if cur & def::GLOBAL != 0 { "global" } else { "nonlocal" };
                        return err(format!("annotated name '{}' can't be {kind}", n.id), n.range);
                    }
                    let flags = if a.simple { def::LOCAL | def::ANNOT } else { def::LOCAL };
                    // A bare annotation (`x: int`) still makes `x` local to a function.
                    self.add_def(n.id.as_str(), flags, n.range);
                } else {
                    self.expr(&a.target)?;
                }
                // Annotations are never evaluated by swallow.
                self.opt_expr(a.value.as_deref())
            }
            Stmt::For(f) => {
                self.expr(&f.target)?;
                self.expr(&f.iter)?;
                self.stmts(&f.body)?;
                self.stmts(&f.orelse)
            }
            Stmt::While(w) => {
                self.expr(&w.test)?;
                self.stmts(&w.body)?;
                self.stmts(&w.orelse)
            }
            Stmt::If(i) => {
                self.expr(&i.test)?;
                self.stmts(&i.body)?;
                for clause in &i.elif_else_clauses {
                    if let Some(test) = &clause.test {
                        self.expr(test)?;
                    }
                    self.stmts(&clause.body)?;
                }
                Ok(())
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.expr(v)?;
                    }
                }
                self.stmts(&w.body)
            }
            Stmt::Match(m) => {
                self.expr(&m.subject)?;
                for case in &m.cases {
                    self.pattern(&case.pattern)?;
                    if let Some(g) = &case.guard {
                        self.expr(g)?;
                    }
                    self.stmts(&case.body)?;
                }
                Ok(())
            }
            Stmt::Raise(r) => {
                self.opt_expr(r.exc.as_deref())?;
                self.opt_expr(r.cause.as_deref())
            }
            Stmt::Try(t) => {
                self.stmts(&t.body)?;
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty)?;
                    }
                    if let Some(name) = &h.name {
                        self.add_def(name.as_str(), def::LOCAL, name.range);
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(&t.orelse)?;
                self.stmts(&t.finalbody)
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                self.opt_expr(a.msg.as_deref())
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    let bound = match &alias.asname {
                        Some(a) => a.as_str(),
                        None => alias.name.as_str().split('.').next().unwrap_or(""),
                    };
                    self.add_def(bound, def::LOCAL | def::IMPORT, alias.range);
                }
                Ok(())
            }
            Stmt::ImportFrom(i) => {
                for alias in &i.names {
                    if alias.name.as_str() == "*" {
                        if self.scope().kind != ScopeKind::Module {
                            return err("import * only allowed at module level", i.range);
                        }
                        continue;
                    }
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.add_def(bound.as_str(), def::LOCAL | def::IMPORT, alias.range);
                }
                Ok(())
            }
            Stmt::Global(g) => {
                for name in &g.names {
                    let mangled = self.mangled(name.as_str()).into_owned();
                    let cur = self.scope().flags(&mangled);
                    if cur & (def::PARAM | def::LOCAL | def::USE | def::ANNOT) != 0 {
                        let msg = if cur & def::PARAM != 0 {
                            format!("name '{name}' is parameter and global")
                        } else if cur & def::USE != 0 {
                            format!("name '{name}' is used prior to global declaration")
                        } else if cur & def::ANNOT != 0 {
                            format!("annotated name '{name}' can't be global")
                        } else {
                            format!("name '{name}' is assigned to before global declaration")
                        };
                        return err(msg, g.range);
                    }
                    let sym = self.scope().add(&mangled, 0, g.range);
                    if sym.flags & (def::GLOBAL | def::NONLOCAL) == 0 {
                        sym.decl = g.range;
                    }
                    sym.flags |= def::GLOBAL;
                }
                Ok(())
            }
            Stmt::Nonlocal(n) => {
                if self.scope().kind == ScopeKind::Module {
                    return err("nonlocal declaration not allowed at module level", n.range);
                }
                for name in &n.names {
                    let mangled = self.mangled(name.as_str()).into_owned();
                    let cur = self.scope().flags(&mangled);
                    if cur & (def::PARAM | def::LOCAL | def::USE | def::ANNOT) != 0 {
                        let msg = if cur & def::PARAM != 0 {
                            format!("name '{name}' is parameter and nonlocal")
                        } else if cur & def::USE != 0 {
                            format!("name '{name}' is used prior to nonlocal declaration")
                        } else if cur & def::ANNOT != 0 {
                            format!("annotated name '{name}' can't be nonlocal")
                        } else {
                            format!("name '{name}' is assigned to before nonlocal declaration")
                        };
                        return err(msg, n.range);
                    }
                    let sym = self.scope().add(&mangled, 0, n.range);
                    if sym.flags & (def::GLOBAL | def::NONLOCAL) == 0 {
                        sym.decl = n.range;
                    }
                    sym.flags |= def::NONLOCAL;
                }
                Ok(())
            }
            Stmt::Expr(e) => self.expr(&e.value),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => Ok(()),
            Stmt::IpyEscapeCommand(c) => err("invalid syntax", c.range),
        }
    }

    fn opt_expr(&mut self, e: Option<&Expr>) -> Result<(), SymtableError> {
        match e {
            Some(e) => self.expr(e),
            None => Ok(()),
        }
    }

    /// Default values are evaluated in the enclosing scope.
    fn parameter_defaults(&mut self, params: &ast::Parameters) -> Result<(), SymtableError> {
        for p in params.posonlyargs.iter().chain(params.args.iter()).chain(params.kwonlyargs.iter()) {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    /// Record the parameters of the (new, current) function scope in slot order.
    fn parameters(&mut self, params: &ast::Parameters) -> Result<(), SymtableError> {
        let mut names: Vec<&ast::Identifier> = Vec::new();
        for p in params.posonlyargs.iter().chain(params.args.iter()).chain(params.kwonlyargs.iter()) {
            names.push(&p.parameter.name);
        }
        if let Some(v) = &params.vararg {
            names.push(&v.name);
        }
        if let Some(k) = &params.kwarg {
            names.push(&k.name);
        }
        for name in names {
            let mangled = self.mangled(name.as_str()).into_owned();
            if self.scope().flags(&mangled) & def::PARAM != 0 {
                return err(format!("duplicate argument '{name}' in function definition"), name.range);
            }
            self.add_def(name.as_str(), def::PARAM, name.range);
            let rc: Rc<str> = Rc::from(self.mangled(name.as_str()).as_ref());
            self.scope().params.push(rc);
        }
        Ok(())
    }

    fn pattern(&mut self, p: &ast::Pattern) -> Result<(), SymtableError> {
        use ast::Pattern as P;
        self.enter_depth(p.range())?;
        let result = (|| {
            match p {
                P::MatchValue(v) => self.expr(&v.value)?,
                P::MatchSingleton(_) => {}
                P::MatchSequence(s) => {
                    for q in &s.patterns {
                        self.pattern(q)?;
                    }
                }
                P::MatchMapping(m) => {
                    for k in &m.keys {
                        self.expr(k)?;
                    }
                    for q in &m.patterns {
                        self.pattern(q)?;
                    }
                    if let Some(rest) = &m.rest {
                        self.add_def(rest.as_str(), def::LOCAL, rest.range);
                    }
                }
                P::MatchClass(c) => {
                    self.expr(&c.cls)?;
                    for q in &c.arguments.patterns {
                        self.pattern(q)?;
                    }
                    for k in &c.arguments.keywords {
                        self.pattern(&k.pattern)?;
                    }
                }
                P::MatchStar(s) => {
                    if let Some(name) = &s.name {
                        self.add_def(name.as_str(), def::LOCAL, name.range);
                    }
                }
                P::MatchAs(a) => {
                    if let Some(q) = &a.pattern {
                        self.pattern(q)?;
                    }
                    if let Some(name) = &a.name {
                        self.add_def(name.as_str(), def::LOCAL, name.range);
                    }
                }
                P::MatchOr(o) => {
                    for q in &o.patterns {
                        self.pattern(q)?;
                    }
                }
            }
            Ok(())
        })();
        self.depth -= 1;
        result
    }

    fn expr(&mut self, e: &Expr) -> Result<(), SymtableError> {
        self.enter_depth(e.range())?;
        let result = self.expr_inner(e);
        self.depth -= 1;
        result
    }

    fn exprs(&mut self, es: &[Expr]) -> Result<(), SymtableError> {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    fn expr_inner(&mut self, e: &Expr) -> Result<(), SymtableError> {
        match e {
            Expr::BoolOp(b) => self.exprs(&b.values),
            Expr::Named(n) => {
                if self.comp_iter_depth > 0 {
                    return err("assignment expression cannot be used in a comprehension iterable expression", n.range);
                }
                self.expr(&n.value)?;
                if let Expr::Name(target) = &*n.target {
                    if self.scope().kind == ScopeKind::Comprehension {
                        self.named_expr_in_comprehension(target)?;
                    } else {
                        self.add_def(target.id.as_str(), def::LOCAL, target.range);
                    }
                    Ok(())
                } else {
                    self.expr(&n.target)
                }
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)
            }
            Expr::UnaryOp(u) => self.expr(&u.operand),
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.parameter_defaults(p)?;
                }
                let prev = self.push_scope(l, ScopeKind::Lambda, "<lambda>", l.range);
                let result = (|| {
                    if let Some(p) = &l.parameters {
                        self.parameters(p)?;
                    }
                    self.expr(&l.body)
                })();
                self.current = prev;
                result
            }
            Expr::If(i) => {
                self.expr(&i.test)?;
                self.expr(&i.body)?;
                self.expr(&i.orelse)
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    if let Some(k) = &item.key {
                        self.expr(k)?;
                    }
                    self.expr(&item.value)?;
                }
                Ok(())
            }
            Expr::Set(s) => self.exprs(&s.elts),
            Expr::ListComp(c) => self.comprehension(c, "<listcomp>", &c.generators, &[&c.elt], false),
            Expr::SetComp(c) => self.comprehension(c, "<setcomp>", &c.generators, &[&c.elt], false),
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension(c, "<dictcomp>", &c.generators, &[k, &c.value], false),
                None => self.comprehension(c, "<dictcomp>", &c.generators, &[&c.value], false),
            },
            Expr::Generator(g) => self.comprehension(g, "<genexpr>", &g.generators, &[&g.elt], true),
            Expr::Await(a) => {
                if self.scope().kind == ScopeKind::Module {
                    return err("'await' outside function", a.range);
                }
                self.scope().is_coroutine = true;
                self.expr(&a.value)
            }
            Expr::Yield(y) => {
                self.yield_here(y.range)?;
                self.opt_expr(y.value.as_deref())
            }
            Expr::YieldFrom(y) => {
                self.yield_here(y.range)?;
                self.expr(&y.value)
            }
            Expr::Compare(c) => {
                self.expr(&c.left)?;
                self.exprs(&c.comparators)
            }
            Expr::Call(c) => {
                self.expr(&c.func)?;
                self.exprs(&c.arguments.args)?;
                for k in &c.arguments.keywords {
                    self.expr(&k.value)?;
                }
                Ok(())
            }
            Expr::FString(f) => {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.interpolated_elements(&fs.elements, 0)?;
                    }
                }
                Ok(())
            }
            Expr::TString(t) => unsupported("t-strings are", t.range),
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => Ok(()),
            Expr::Attribute(a) => self.expr(&a.value),
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)
            }
            Expr::Starred(s) => self.expr(&s.value),
            Expr::Name(n) => {
                let flags = match n.ctx {
                    ast::ExprContext::Load => def::USE,
                    ast::ExprContext::Store | ast::ExprContext::Del => def::LOCAL,
                    ast::ExprContext::Invalid => 0,
                };
                self.add_def(n.id.as_str(), flags, n.range);
                // `super()` and `__class__` in a function reach the implicit `__class__` cell
                // of the enclosing class.
                if matches!(n.ctx, ast::ExprContext::Load)
                    && matches!(n.id.as_str(), "super" | "__class__")
                    && self.scope().kind.is_function_like()
                    && !self.class_names.is_empty()
                {
                    self.scope().add("__class__", def::USE, n.range);
                }
                Ok(())
            }
            Expr::List(l) => self.exprs(&l.elts),
            Expr::Tuple(t) => self.exprs(&t.elts),
            Expr::Slice(s) => {
                self.opt_expr(s.lower.as_deref())?;
                self.opt_expr(s.upper.as_deref())?;
                self.opt_expr(s.step.as_deref())
            }
            Expr::IpyEscapeCommand(c) => err("invalid syntax", c.range),
        }
    }

    /// Replacement fields of an f-string; `spec_depth` counts enclosing format specs (3.11
    /// allows a field inside a spec, but not one level deeper).
    fn interpolated_elements(
        &mut self,
        elements: &ast::InterpolatedStringElements,
        spec_depth: u32,
    ) -> Result<(), SymtableError> {
        for el in elements.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                if spec_depth >= 2 {
                    return err("f-string: expressions nested too deeply", i.range);
                }
                self.expr(&i.expression)?;
                if let Some(spec) = &i.format_spec {
                    self.enter_depth(spec.range)?;
                    let r = self.interpolated_elements(&spec.elements, spec_depth + 1);
                    self.depth -= 1;
                    r?;
                }
            }
        }
        Ok(())
    }

    fn yield_here(&mut self, range: TextRange) -> Result<(), SymtableError> {
        match self.scope().kind {
            ScopeKind::Module | ScopeKind::Class => err("'yield' outside function", range),
            ScopeKind::Comprehension => {
                let what = match &*self.scope().name {
                    "<setcomp>" => "set comprehension",
                    "<dictcomp>" => "dict comprehension",
                    "<genexpr>" => "generator expression",
                    _ => "list comprehension",
                };
                err(format!("'yield' inside {what}"), range)
            }
            _ => {
                self.scope().is_generator = true;
                Ok(())
            }
        }
    }

    /// A comprehension: the outermost iterable is evaluated in the enclosing scope; everything
    /// else runs in a new function scope whose only parameter, `.0`, is that iterator.
    fn comprehension<T>(
        &mut self,
        node: &T,
        name: &str,
        generators: &[ast::Comprehension],
        elements: &[&Expr],
        is_generator: bool,
    ) -> Result<(), SymtableError> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        if first.is_async {
            return unsupported("asynchronous comprehensions are", first.range);
        }
        self.comp_iter_depth += 1;
        let r = self.expr(&first.iter);
        self.comp_iter_depth -= 1;
        r?;
        let range = TextRange::new(first.range.start(), first.range.end());
        let prev = self.push_scope(node, ScopeKind::Comprehension, name, range);
        let saved_comp_iter = std::mem::replace(&mut self.comp_iter_depth, 0);
        let result = (|| {
            self.scope().is_generator = is_generator;
            self.add_def(".0", def::PARAM, first.range);
            self.scope().params.push(Rc::from(".0"));
            for (i, g) in generators.iter().enumerate() {
                if g.is_async {
                    return unsupported("asynchronous comprehensions are", g.range);
                }
                if i > 0 {
                    self.comp_iter_depth += 1;
                    let r = self.expr(&g.iter);
                    self.comp_iter_depth -= 1;
                    r?;
                }
                self.comprehension_target(&g.target)?;
                self.exprs(&g.ifs)?;
            }
            for e in elements {
                self.expr(e)?;
            }
            Ok(())
        })();
        self.comp_iter_depth = saved_comp_iter;
        self.current = prev;
        result
    }

    /// Iteration variables of a comprehension: locals of the comprehension, marked so `:=`
    /// cannot rebind them.
    fn comprehension_target(&mut self, target: &Expr) -> Result<(), SymtableError> {
        self.enter_depth(target.range())?;
        let result = match target {
            Expr::Name(n) => {
                let cur = self.scope().flags(n.id.as_str());
                if cur & (def::NONLOCAL | def::GLOBAL) != 0 && cur & def::COMP_ITER == 0 {
                    return err(
                        format!("comprehension inner loop cannot rebind assignment expression target '{}'", n.id),
                        n.range,
                    );
                }
                self.add_def(n.id.as_str(), def::LOCAL | def::COMP_ITER, n.range);
                Ok(())
            }
            Expr::Tuple(t) => t.elts.iter().try_for_each(|e| self.comprehension_target(e)),
            Expr::List(l) => l.elts.iter().try_for_each(|e| self.comprehension_target(e)),
            Expr::Starred(s) => self.comprehension_target(&s.value),
            other => self.expr(other),
        };
        self.depth -= 1;
        result
    }

    /// `name := value` inside a comprehension binds `name` in the nearest enclosing function
    /// (or module) scope.
    fn named_expr_in_comprehension(&mut self, target: &ast::ExprName) -> Result<(), SymtableError> {
        let name = target.id.as_str();
        let mut id = self.current;
        loop {
            let scope = &self.table.scopes[id];
            match scope.kind {
                ScopeKind::Comprehension => {
                    if scope.flags(name) & def::COMP_ITER != 0 {
                        return err(
                            format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                            target.range,
                        );
                    }
                    match scope.parent {
                        Some(p) => id = p,
                        None => return Ok(()),
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    // Declared `global` in that function: the comprehension stores a global.
                    let kind = if scope.flags(name) & def::GLOBAL != 0 { def::GLOBAL } else { def::NONLOCAL };
                    self.table.scopes[self.current].add(name, kind, target.range).decl = target.range;
                    self.table.scopes[id].add(name, def::LOCAL, target.range);
                    return Ok(());
                }
                ScopeKind::Class => {
                    return err(
                        "assignment expression within a comprehension cannot be used in a class body",
                        target.range,
                    );
                }
                ScopeKind::Module => {
                    self.table.scopes[self.current].add(name, def::GLOBAL, target.range).decl = target.range;
                    self.table.scopes[id].add(name, def::GLOBAL, target.range);
                    return Ok(());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(src: &str) -> Result<SymbolTable, SymtableError> {
        let parsed = ruff_python_parser::parse_module(src).expect("test source parses");
        let module = parsed.syntax();
        SymbolTable::build(&module.body, module.range)
    }

    fn find<'a>(t: &'a SymbolTable, name: &str) -> &'a Scope {
        t.scopes.iter().find(|s| &*s.name == name).expect("scope exists")
    }

    #[test]
    fn locals_globals_cells_and_frees() {
        let t = table(
            "g = 1\n\
             def outer(a, b):\n\
             \x20   c = a + g\n\
             \x20   def inner():\n\
             \x20       return a + c + len(b)\n\
             \x20   return inner\n",
        )
        .unwrap();
        let outer = find(&t, "outer");
        assert_eq!(outer.lookup("a"), NameScope::Cell);
        assert_eq!(outer.lookup("b"), NameScope::Cell);
        assert_eq!(outer.lookup("c"), NameScope::Cell);
        assert_eq!(outer.lookup("g"), NameScope::GlobalImplicit);
        assert_eq!(outer.lookup("inner"), NameScope::Local);
        assert_eq!(&*outer.varnames.iter().map(|s| s.to_string()).collect::<Vec<_>>(), ["a", "b", "inner"]);
        assert_eq!(&*outer.cellvars.iter().map(|s| s.to_string()).collect::<Vec<_>>(), ["a", "b", "c"]);
        let inner = find(&t, "inner");
        assert_eq!(inner.lookup("a"), NameScope::Free);
        assert_eq!(inner.lookup("c"), NameScope::Free);
        assert_eq!(inner.lookup("len"), NameScope::GlobalImplicit);
        assert_eq!(&*inner.freevars.iter().map(|s| s.to_string()).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert!(inner.varnames.is_empty());
    }

    #[test]
    fn free_variables_pass_through_intermediate_scopes() {
        let t = table("def a():\n x = 1\n def b():\n  def c():\n   return x\n  return c\n return b\n").unwrap();
        assert_eq!(find(&t, "a").lookup("x"), NameScope::Cell);
        assert_eq!(find(&t, "b").lookup("x"), NameScope::Free);
        assert_eq!(find(&t, "c").lookup("x"), NameScope::Free);
    }

    #[test]
    fn global_and_nonlocal_declarations() {
        let t = table(
            "def f():\n global x\n x = 1\n y = 2\n def g():\n  nonlocal y\n  y = 3\n  return x\n return g\n",
        )
        .unwrap();
        assert_eq!(find(&t, "f").lookup("x"), NameScope::GlobalExplicit);
        assert_eq!(find(&t, "f").lookup("y"), NameScope::Cell);
        assert_eq!(find(&t, "g").lookup("y"), NameScope::Free);
        assert_eq!(find(&t, "g").lookup("x"), NameScope::GlobalImplicit);
    }

    #[test]
    fn module_names_are_not_captured() {
        let t = table("x = 1\ndef f():\n return x\n").unwrap();
        assert_eq!(find(&t, "f").lookup("x"), NameScope::GlobalImplicit);
        assert_eq!(find(&t, "<module>").lookup("x"), NameScope::Local);
    }

    #[test]
    fn comprehensions_are_scopes_and_walrus_binds_outside() {
        let t = table("def f(xs):\n r = [y := x for x in xs]\n return y\n").unwrap();
        let comp = find(&t, "<listcomp>");
        assert_eq!(comp.params.first().map(|s| &**s), Some(".0"));
        assert_eq!(comp.lookup("x"), NameScope::Local);
        assert_eq!(comp.lookup("y"), NameScope::Free);
        assert_eq!(comp.lookup("xs"), NameScope::GlobalImplicit, "the outermost iterable is evaluated outside");
        assert_eq!(find(&t, "f").lookup("y"), NameScope::Cell);
        assert_eq!(find(&t, "f").lookup("xs"), NameScope::Local);

        let t = table("r = [y := x for x in range(3)]\n").unwrap();
        assert_eq!(find(&t, "<listcomp>").lookup("y"), NameScope::GlobalExplicit);
    }

    #[test]
    fn parameter_order() {
        let t = table("def f(a, /, b, *args, c, d=1, **kw):\n e = 1\n").unwrap();
        let f = find(&t, "f");
        let names: Vec<&str> = f.varnames.iter().map(|s| &**s).collect();
        assert_eq!(names, ["a", "b", "c", "d", "args", "kw", "e"]);
    }

    fn error(src: &str) -> (String, u32) {
        let e = table(src).expect_err("should fail");
        (e.msg, u32::from(e.range.start()))
    }

    #[test]
    fn errors() {
        assert_eq!(error("def f():\n    x = 1\n    global x\n").0, "name 'x' is assigned to before global declaration");
        assert_eq!(error("def f():\n    print(x)\n    global x\n"), ("name 'x' is used prior to global declaration".into(), 26));
        assert_eq!(error("nonlocal x\n").0, "nonlocal declaration not allowed at module level");
        assert_eq!(error("def f():\n    nonlocal x\n"), ("no binding for nonlocal 'x' found".into(), 13));
        assert_eq!(error("x = 1\ndef f():\n    nonlocal x\n").0, "no binding for nonlocal 'x' found");
        assert_eq!(error("def f(a, a): pass\n"), ("duplicate argument 'a' in function definition".into(), 9));
        assert_eq!(error("def f(a):\n    global a\n").0, "name 'a' is parameter and global");
        assert_eq!(error("def f(a):\n    nonlocal a\n").0, "name 'a' is parameter and nonlocal");
        assert_eq!(error("def f():\n    global x\n    nonlocal x\n").0, "name 'x' is nonlocal and global");
        assert_eq!(error("[i := 0 for i in range(3)]\n").0, "assignment expression cannot rebind comprehension iteration variable 'i'");
        assert_eq!(
            error("x = [i for i in range(3) if (j := i) for j in y]\n").0,
            "comprehension inner loop cannot rebind assignment expression target 'j'"
        );
        assert_eq!(error("[x for x in (y := [1])]\n").0, "assignment expression cannot be used in a comprehension iterable expression");
        assert_eq!(error("def f():\n    from m import *\n").0, "import * only allowed at module level");
        assert_eq!(error("yield 1\n").0, "'yield' outside function");
    }
}
