//! The call protocol: binding arguments into a callee's frame slots (without copying in the
//! common case), and calling natives, types and bound methods.

use std::rc::Rc;

use smallvec::SmallVec;

use super::{dispatch, Frame, OnReturn, Vm};
use crate::bytecode::code::{flags, Code};
use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::value::{CallArgs, PyCell, PyFunction, PyGenerator, Value};

/// Arguments collected off the stack for a native call; inline up to 8 values.
pub(crate) type ArgVec = SmallVec<[Value; 8]>;
/// Keyword names of a call; inline up to 4.
pub(crate) type KwNames = SmallVec<[Rc<PyStr>; 4]>;

/// What a call made by an instruction did.
pub(crate) enum CallOutcome {
    /// A Python frame was pushed; the dispatch loop continues in it.
    Pushed,
    /// The call completed in Rust and its result was pushed on the stack.
    Done,
}

impl Vm {
    /// Call the callable at stack index `callable_at` with the values from `args_start` to the
    /// top of the stack (positional, then keyword values named by `kwnames`). The callable and
    /// everything above it is consumed; `drop_below` counts the stack entries below
    /// `args_start` that belong to the call (callable and an optional NULL marker).
    #[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
    pub(crate) fn call_on_stack(
        &mut self,
        callable_at: usize,
        args_start: usize,
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<CallOutcome> {
        if crate::objects::generator::close_pending() {
            crate::objects::generator::run_pending_closes(self);
        }
        let drop_below = (args_start - callable_at) as u32;
        if let Some(Value::Native(_)) = self.stack.get(callable_at) {
            return self.call_native(callable_at, args_start, kwnames);
        }
        if let Some(Value::Function(func)) = self.stack.get(callable_at) {
            let code = &func.code;
            if code.plain_entry && kwnames.is_empty() && self.stack.len() - args_start == code.argcount as usize {
                let (code, globals) = (code.clone(), func.globals.clone());
                self.enter_plain(code, globals, args_start, drop_below)?;
                return Ok(CallOutcome::Pushed);
            }
        }
        if let Some(Value::Type(cls)) = self.stack.get(callable_at) {
            if let Some(init) = crate::objects::instance::init_for_inline_call(cls) {
                let cls = cls.clone();
                self.enter_init(&cls, &init, callable_at, drop_below, kwnames)?;
                return Ok(CallOutcome::Pushed);
            }
        }
        let callable = match self.stack.get(callable_at) {
            Some(c) => c.clone(),
            None => return Err(PyErr::runtime_error("internal error: call without callable")),
        };
        match &callable {
            Value::Function(func) => {
                self.enter_function(func, args_start, drop_below, kwnames, false)?;
                Ok(CallOutcome::Pushed)
            }
            Value::Method(m) if matches!(m.func, Value::Function(_)) => {
                // Put `self` where the callable was and call the function with one more
                // positional argument.
                let func = match &m.func {
                    Value::Function(f) => f.clone(),
                    _ => return Err(PyErr::runtime_error("internal error: method guard")),
                };
                self.stack[callable_at] = m.self_value.clone();
                let mut start = callable_at;
                let mut below = 0;
                if drop_below == 2 {
                    // A NULL marker sits between the callable and the arguments: move `self`
                    // onto it instead.
                    self.stack[callable_at] = Value::Null;
                    self.stack[callable_at + 1] = m.self_value.clone();
                    start = callable_at + 1;
                    below = 1;
                }
                self.enter_function(&func, start, below, kwnames, false)?;
                Ok(CallOutcome::Pushed)
            }
            _ => {
                let args = self.take_values_from(args_start);
                self.stack.truncate(callable_at);
                let result = self.call_non_python(&callable, &args, kwnames);
                discard_arg_vec(args);
                self.push_value(result?);
                Ok(CallOutcome::Done)
            }
        }
    }

    /// A call of a builtin function or method (`Value::Native` at `callable_at`): its
    /// arguments are moved off the stack (not cloned) into a buffer on the Rust stack, and the
    /// callable dropped before the call, since a native needs only its function pointer.
    #[inline(never)] // a slow path of the dispatch loop: kept out of it (see vm/dispatch.rs)
    fn call_native(&mut self, callable_at: usize, args_start: usize, kwnames: &[Rc<PyStr>]) -> PyResult<CallOutcome> {
        const INLINE_ARGS: usize = 8;
        let Some(Value::Native(native)) = self.stack.get(callable_at) else {
            return Err(PyErr::runtime_error("internal error: native call without a native"));
        };
        let func = native.func;
        let len = self.stack.len();
        let count = len.saturating_sub(args_start);
        if count > INLINE_ARGS {
            let args = self.take_values_from(args_start);
            super::discard_above(&mut self.stack, callable_at);
            let result = func(self, CallArgs { args: &args, kwnames });
            discard_arg_vec(args);
            self.push_value(result?);
            return Ok(CallOutcome::Done);
        }
        let mut buffer = [const { std::mem::MaybeUninit::<Value>::uninit() }; INLINE_ARGS];
        let first = buffer.as_mut_ptr().cast::<Value>();
        // SAFETY: entries `args_start..len` are initialized; `set_len(args_start)` hands them
        // over (the vector no longer drops or exposes them) and the copy moves them into the
        // buffer, which has room for `count <= INLINE_ARGS` values and now owns them.
        unsafe {
            self.stack.set_len(args_start);
            std::ptr::copy_nonoverlapping(self.stack.as_ptr().add(args_start), first, count);
        }
        super::discard_above(&mut self.stack, callable_at);
        // SAFETY: the first `count` values of the buffer are initialized (moved in above).
        let args = unsafe { std::slice::from_raw_parts(first, count) };
        let result = func(self, CallArgs { args, kwnames });
        // SAFETY: the buffer owns the `count` values and nothing reads them after the call;
        // each is dropped once (a panic in `func` would leak them, never drop one twice).
        unsafe { super::discard_values(first, count) };
        self.push_value(result?);
        Ok(CallOutcome::Done)
    }

    /// Move the values from stack index `start` to the top into an `ArgVec` (one copy, no
    /// reference count changes); the stack ends at `start`.
    #[inline(always)]
    fn take_values_from(&mut self, start: usize) -> ArgVec {
        let len = self.stack.len();
        let count = len.saturating_sub(start);
        let mut taken = ArgVec::with_capacity(count);
        // SAFETY: entries `start..len` are initialized; `set_len(start)` hands them over (the
        // vector no longer drops or exposes them), the copy moves each into `taken`'s room for
        // `count` values, and `taken`'s length then covers exactly the moved values.
        unsafe {
            self.stack.set_len(len - count);
            std::ptr::copy_nonoverlapping(self.stack.as_ptr().add(len - count), taken.as_mut_ptr(), count);
            taken.set_len(count);
        }
        taken
    }

    /// A call made by an instruction with positional arguments only: a function whose code
    /// takes exactly those (`Code::plain_entry`) is entered by `enter_plain_call` and a native
    /// called by `call_native`, tested here in the dispatch loop; every other callable goes to
    /// `call_on_stack`.
    #[inline(always)]
    pub(crate) fn call_positional(&mut self, callable_at: usize, args_start: usize) -> PyResult<CallOutcome> {
        match self.stack.get(callable_at) {
            Some(Value::Function(func)) => {
                if func.code.plain_entry && self.stack.len() - args_start == func.code.argcount as usize {
                    self.enter_plain_call(callable_at, args_start)?;
                    return Ok(CallOutcome::Pushed);
                }
            }
            Some(Value::Native(_)) if !crate::objects::generator::close_pending() => {
                return self.call_native(callable_at, args_start, &[]);
            }
            _ => {}
        }
        self.call_on_stack(callable_at, args_start, &[])
    }

    /// The plain-function call of `call_positional`: out of the dispatch loop, but without the
    /// stack frame `call_on_stack` needs for every other kind of callable.
    #[inline(never)]
    fn enter_plain_call(&mut self, callable_at: usize, args_start: usize) -> PyResult<()> {
        if crate::objects::generator::close_pending() {
            crate::objects::generator::run_pending_closes(self);
        }
        let Some(Value::Function(func)) = self.stack.get(callable_at) else {
            return Err(PyErr::runtime_error("internal error: plain call without a function"));
        };
        let (code, globals) = (func.code.clone(), func.globals.clone());
        self.enter_plain(code, globals, args_start, (args_start - callable_at) as u32)
    }

    /// Calls that do not push a Python frame: natives, types, bound natives. A bound Python
    /// method or a plain function reached from here runs in a nested loop.
    pub(crate) fn call_non_python(&mut self, callable: &Value, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
        match callable {
            Value::Native(native) => (native.func)(self, CallArgs { args, kwnames }),
            Value::Method(m) => {
                let mut full: ArgVec = SmallVec::with_capacity(args.len() + 1);
                full.push(m.self_value.clone());
                full.extend(args.iter().cloned());
                let func = m.func.clone();
                self.call_kw(&func, &full, kwnames)
            }
            Value::Type(ty) => crate::builtins::call_type(self, ty, CallArgs { args, kwnames }),
            Value::Function(_) => call_from_rust(self, callable, args, kwnames),
            _ => match crate::objects::dunder::call(self, callable, args, kwnames) {
                Some(r) => r,
                None => Err(PyErr::type_error(format!(
                    "'{}' object is not callable",
                    crate::objects::types::type_of(callable).name
                ))),
            },
        }
    }

    /// Push a frame for `func` whose arguments occupy the stack from `args_start` to the top.
    /// A generator function pushes no frame: the new generator object, which holds the
    /// prepared frame, replaces the call on the stack (the call's result).
    pub(crate) fn enter_function(
        &mut self,
        func: &Rc<PyFunction>,
        args_start: usize,
        drop_below: u32,
        kwnames: &[Rc<PyStr>],
        entry: bool,
    ) -> PyResult<()> {
        let code = &func.code;
        let nargs = self.stack.len() - args_start;
        if code.plain_entry && kwnames.is_empty() && nargs == code.argcount as usize {
            // `__init__` and operator method frames, calls from `call_on_stack` and calls from
            // Rust (key functions) that are plain: nothing to bind, no cells, not a generator.
            self.enter_plain(code.clone(), func.globals.clone(), args_start, drop_below)?;
            self.frame.entry = entry;
            return Ok(());
        }
        let positional_only = kwnames.is_empty()
            && code.flags & (flags::VARARGS | flags::VARKEYWORDS) == 0
            && code.kwonlyargcount == 0;
        if positional_only && nargs == code.argcount as usize {
            // Fast path: the positional arguments are already the first slots.
            let extra = code.nslots() - nargs;
            for _ in 0..extra {
                self.stack.push(Value::Null);
            }
        } else if positional_only && self.bind_positional_with_defaults(func, nargs) {
            // The missing positional arguments came from the defaults.
        } else if let Err(e) = self.bind_general(func, args_start, kwnames) {
            self.stack.truncate(args_start - drop_below as usize);
            return Err(e);
        }
        if !code.cellvars.is_empty() || !code.freevars.is_empty() {
            self.init_cells(func, args_start);
        }
        if code.flags & flags::GENERATOR != 0 {
            self.make_generator(func, args_start, drop_below);
            return Ok(());
        }
        self.push_frame(Frame {
            code: code.clone(),
            pc: 0,
            base: args_start,
            drop_below,
            entry,
            on_return: OnReturn::Value,
            globals: func.globals.clone(),
            locals: None,
        })
    }

    /// `cls(args)` with a Python `__init__` (`instance::init_for_inline_call`): create the
    /// instance and push the `__init__` frame in the running dispatch loop, instead of running
    /// it in a nested loop from Rust. The call's entries become `[instance, self, args...]`: the
    /// frame's slots start at `self`, and the instance kept below them (`drop_below` 1) is the
    /// call's result when the frame returns (`handlers::return_special`).
    fn enter_init(&mut self, cls: &Rc<crate::objects::types::PyType>, init: &Rc<PyFunction>, callable_at: usize, drop_below: u32, kwnames: &[Rc<PyStr>]) -> PyResult<()> {
        let instance = crate::objects::instance::new_instance(cls, Value::Null);
        // The class's entry keeps the instance (the class it held is dropped inline: it is the
        // `Type` whose `cls` the caller holds, so never the last reference).
        let Some(entry) = self.stack.get_mut(callable_at) else {
            return Err(PyErr::runtime_error("internal error: call without callable"));
        };
        if let Value::Type(class) = std::mem::replace(entry, instance.clone()) {
            drop(class);
        }
        if drop_below == 2 {
            // [class, NULL, args...]: the NULL becomes self.
            self.stack[callable_at + 1] = instance;
        } else {
            self.stack.insert(callable_at + 1, instance);
        }
        self.enter_function(init, callable_at + 1, 1, kwnames, false)?;
        self.frame.on_return = OnReturn::Instance;
        Ok(())
    }

    /// `a <op> b` whose protocol calls the Python function `method` first
    /// (`dunder::first_python_method`): push its frame in the running dispatch loop instead of
    /// running it in a nested loop from Rust. The stack gets `[a, b, a, b]`: the frame's slots
    /// start at the second pair, and the first (`drop_below` 2) keeps the operands for a
    /// `NotImplemented` result (`on_return`).
    pub(crate) fn enter_binary_method(&mut self, method: &Rc<PyFunction>, a: Value, b: Value, on_return: OnReturn) -> PyResult<()> {
        self.stack.push(a.clone());
        self.stack.push(b.clone());
        let args_start = self.stack.len();
        self.stack.push(a);
        self.stack.push(b);
        self.enter_function(method, args_start, 2, &[], false)?;
        self.frame.on_return = on_return;
        Ok(())
    }

    /// Enter `code` whose `plain_entry` holds, called with exactly its positional arguments
    /// (already its first slots): mark the other locals unbound and push the frame. No
    /// reference to the function object itself is taken.
    #[inline(always)]
    fn enter_plain(&mut self, code: Rc<Code>, globals: Rc<PyDict>, args_start: usize, drop_below: u32) -> PyResult<()> {
        for _ in self.stack.len()..args_start + code.varnames.len() {
            self.push_value(Value::Null);
        }
        self.push_frame(Frame::plain_call(code, globals, args_start, drop_below))
    }

    /// Move the bound slots of a generator function's call off the stack into a new
    /// generator object, and leave that object as the call's result.
    fn make_generator(&mut self, func: &Rc<PyFunction>, args_start: usize, drop_below: u32) {
        let slots: Vec<Value> = self.stack.drain(args_start..).collect();
        self.stack.truncate(args_start - drop_below as usize);
        let frame = Frame {
            code: func.code.clone(),
            pc: 0,
            base: 0,
            drop_below: 0,
            entry: false,
            on_return: OnReturn::Value,
            globals: func.globals.clone(),
            locals: None,
        };
        let name = func.name.borrow().clone();
        let qualname = func.qualname.borrow().clone();
        let generator = PyGenerator::new(name, qualname, frame, slots);
        self.stack.push(crate::gc::tracked(Value::Generator(Rc::new(generator))));
    }

    /// Fill cell slots with fresh cells (moving parameters that are cells into theirs) and
    /// free-variable slots with the function's closure cells.
    pub(super) fn init_cells(&mut self, func: &Rc<PyFunction>, base: usize) {
        let code = &func.code;
        let cell_base = base + code.cell_base();
        for i in 0..code.cellvars.len() {
            self.stack[cell_base + i] =
                crate::gc::tracked(Value::Cell(Rc::new(PyCell { value: std::cell::RefCell::new(Value::Null) })));
        }
        for &(cell, param) in code.cell_params.iter() {
            let arg = std::mem::replace(&mut self.stack[base + param as usize], Value::Null);
            if let Value::Cell(c) = &self.stack[cell_base + cell as usize] {
                *c.value.borrow_mut() = arg;
            }
        }
        if let Some(closure) = &func.closure {
            let free_base = cell_base + code.cellvars.len();
            for (j, cell) in closure.items.iter().enumerate().take(code.freevars.len()) {
                self.stack[free_base + j] = cell.clone();
            }
        }
    }

    /// Binding of a call with `nargs` positional arguments and nothing else, to a function
    /// without `*args`, `**kwargs` or keyword-only parameters, when the defaults supply every
    /// parameter after those given: push clones of those defaults, then mark the other
    /// locals unbound. Returns false, having pushed nothing, for anything else (too many or
    /// too few arguments: `bind_general` says what is wrong).
    fn bind_positional_with_defaults(&mut self, func: &PyFunction, nargs: usize) -> bool {
        let code = &*func.code;
        let argcount = code.argcount as usize;
        let defaults: &[Value] = func.defaults.as_ref().map_or(&[], |d| &d.items);
        // More defaults than parameters never comes from the compiler; `bind_general` (which
        // saturates) handles it rather than this subtraction.
        let Some(first_default) = argcount.checked_sub(defaults.len()) else { return false };
        if nargs > argcount || nargs < first_default {
            return false;
        }
        for default in &defaults[nargs - first_default..] {
            self.push_value(default.clone());
        }
        for _ in argcount..code.nslots() {
            self.push_value(Value::Null);
        }
        true
    }

    /// General argument binding: keywords, defaults, `*args`, `**kwargs`, with CPython's
    /// error messages. Rewrites the stack from `args_start` into the callee's slot layout in
    /// place: the positional arguments stay in their slots, the keyword values are rotated to
    /// just above the slots and moved from there into theirs, and nothing is cloned or
    /// allocated but the `*args` tuple and `**kwargs` dict. On an error the stack above
    /// `args_start` is left for the caller to drop.
    fn bind_general(&mut self, func: &Rc<PyFunction>, args_start: usize, kwnames: &[Rc<PyStr>]) -> PyResult<()> {
        let code = &*func.code;
        let qualname = || func.qualname.borrow().as_str().to_owned();
        let argcount = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let nslots = code.nslots();
        let has_varargs = code.flags & flags::VARARGS != 0;
        let has_varkw = code.flags & flags::VARKEYWORDS != 0;
        let nkw = kwnames.len();
        let npos_given = (self.stack.len() - args_start).saturating_sub(nkw);
        let npos_bound = npos_given.min(argcount);

        // Positional arguments: the first `npos_bound` are in their slots already.
        let varargs = if has_varargs {
            let extra: Vec<Value> = self.stack.drain(args_start + npos_bound..args_start + npos_given).collect();
            Some(Value::tuple(extra))
        } else if npos_given > argcount {
            return Err(too_many_positional(&qualname(), func, npos_given, kwnames));
        } else {
            None
        };
        // `[positional, keyword values]` becomes `[slots (unbound past the positional ones),
        // keyword values]`.
        let kw_at = args_start + nslots;
        for _ in self.stack.len()..kw_at + nkw {
            self.push_value(Value::Null);
        }
        self.stack[args_start + npos_bound..kw_at + nkw].rotate_left(nkw);
        let (slots, kw_values) = self.stack[args_start..].split_at_mut(nslots);
        let mut next_slot = argcount + kwonly;
        if let Some(tuple) = varargs {
            slots[next_slot] = tuple;
            next_slot += 1;
        }
        let kwargs_dict = if has_varkw {
            // At most every keyword lands in it.
            let d = Rc::new(PyDict::with_capacity(nkw));
            slots[next_slot] = crate::gc::tracked(Value::Dict(d.clone()));
            Some(d)
        } else {
            None
        };

        // Keyword arguments.
        let posonly = code.posonlyargcount as usize;
        let mut posonly_as_kw: Vec<&str> = Vec::new();
        for (name, kw_value) in kwnames.iter().zip(kw_values.iter_mut()) {
            let value = std::mem::replace(kw_value, Value::Null);
            let found = code.varnames[posonly..argcount + kwonly].iter().position(|p| **p == *name.as_str());
            match found {
                Some(i) => {
                    let slot = &mut slots[posonly + i];
                    if !matches!(slot, Value::Null) {
                        return Err(PyErr::type_error(format!(
                            "{}() got multiple values for argument '{}'",
                            qualname(),
                            name.as_str()
                        )));
                    }
                    *slot = value;
                }
                None => match &kwargs_dict {
                    Some(d) => {
                        // One store, by the name's cached hash; a repeated keyword leaves the
                        // count unchanged (the dict is dropped with the error).
                        let before = d.len();
                        d.set_str_key(name, value)?;
                        if d.len() == before {
                            return Err(PyErr::type_error(format!(
                                "{}() got multiple values for keyword argument '{}'",
                                qualname(),
                                name.as_str()
                            )));
                        }
                    }
                    None => {
                        if code.varnames[..posonly].iter().any(|p| **p == *name.as_str()) {
                            posonly_as_kw.push(name.as_str());
                        } else {
                            return Err(PyErr::type_error(format!(
                                "{}() got an unexpected keyword argument '{}'",
                                qualname(),
                                name.as_str()
                            )));
                        }
                    }
                },
            }
        }
        if !posonly_as_kw.is_empty() {
            return Err(PyErr::type_error(format!(
                "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                qualname(),
                posonly_as_kw.join(", ")
            )));
        }

        // Defaults for missing positional parameters.
        let defaults: &[Value] = func.defaults.as_ref().map_or(&[], |d| &d.items);
        let first_default = argcount.saturating_sub(defaults.len());
        let mut missing: Vec<&str> = Vec::new();
        for i in npos_bound..argcount {
            if matches!(slots[i], Value::Null) {
                if i >= first_default {
                    slots[i] = defaults[i - first_default].clone();
                } else {
                    missing.push(&code.varnames[i]);
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_arguments(&qualname(), "positional", &missing));
        }
        for i in argcount..argcount + kwonly {
            if matches!(slots[i], Value::Null) {
                let default = func.kwdefaults.as_ref().and_then(|d| d.get_str(&code.varnames[i]));
                match default {
                    Some(v) => slots[i] = v,
                    None => missing.push(&code.varnames[i]),
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_arguments(&qualname(), "keyword-only", &missing));
        }
        // The keyword values' places, all unbound now.
        super::discard_above(&mut self.stack, kw_at);
        Ok(())
    }
}

/// How CPython names a callable in the errors of a call's `*` and `**` arguments
/// (`_PyObject_FunctionStr`): `module.qualname()`, without the module for builtins.
#[cold]
#[inline(never)]
pub(crate) fn function_description(callable: &Value) -> String {
    let (module, qualname) = match callable {
        Value::Function(f) => {
            let module = match f.globals.get_str("__name__") {
                Some(Value::Str(name)) => Some(name.as_str().to_owned()),
                _ => None,
            };
            (module, f.qualname.borrow().as_str().to_owned())
        }
        Value::Method(m) => return function_description(&m.func),
        Value::Native(native) => match native.owner {
            Some(owner) => (None, format!("{}.{}", owner.name(), native.name)),
            None => (None, native.name.to_owned()),
        },
        Value::Type(ty) => (ty.module.as_deref().map(str::to_owned), ty.qualname.to_string()),
        other => return format!("{} object", crate::objects::types::type_of(other).name),
    };
    match module {
        Some(module) if module != "builtins" => format!("{module}.{qualname}()"),
        _ => format!("{qualname}()"),
    }
}

/// Drop the arguments of a finished call, each through `Value::discard` (the drop glue of a
/// `SmallVec` calls `Value`'s out of line for every element).
#[inline(always)]
fn discard_arg_vec(mut args: ArgVec) {
    let count = args.len();
    // SAFETY: `set_len(0)` hands the `count` initialized values over to `discard_values`,
    // which drops each once; `args` itself then frees only its storage.
    unsafe {
        args.set_len(0);
        super::discard_values(args.as_mut_ptr(), count);
    }
}

/// `f() missing 2 required positional arguments: 'a' and 'b'`
fn missing_arguments(qualname: &str, kind: &str, names: &[&str]) -> PyErr {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!("{}, and {}", quoted[..quoted.len() - 1].join(", "), quoted[quoted.len() - 1]),
    };
    let plural = if names.len() == 1 { "" } else { "s" };
    PyErr::type_error(format!("{qualname}() missing {} required {kind} argument{plural}: {list}", names.len()))
}

/// `f() takes 2 positional arguments but 3 were given`
fn too_many_positional(qualname: &str, func: &PyFunction, given: usize, kwnames: &[Rc<PyStr>]) -> PyErr {
    let code = &func.code;
    let argcount = code.argcount as usize;
    let ndefaults = func.defaults.as_ref().map_or(0, |d| d.items.len());
    let takes = if ndefaults > 0 {
        format!("from {} to {} positional arguments", argcount - ndefaults.min(argcount), argcount)
    } else {
        format!("{} positional argument{}", argcount, if argcount == 1 { "" } else { "s" })
    };
    let kwonly_given = kwnames
        .iter()
        .filter(|n| code.varnames[argcount..argcount + code.kwonlyargcount as usize].iter().any(|p| **p == *n.as_str()))
        .count();
    let was = if given == 1 { "was" } else { "were" };
    if kwonly_given > 0 {
        let s = if kwonly_given == 1 { "" } else { "s" };
        PyErr::type_error(format!(
            "{qualname}() takes {takes} but {given} positional argument{} (and {kwonly_given} keyword-only argument{s}) were given",
            if given == 1 { "" } else { "s" }
        ))
    } else {
        PyErr::type_error(format!("{qualname}() takes {takes} but {given} {was} given"))
    }
}

/// Call from Rust code: Python functions get a frame marked as a loop entry and run in a
/// nested dispatch loop.
pub(crate) fn call_from_rust(vm: &mut Vm, callable: &Value, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    match callable {
        Value::Function(func) => {
            let callable_at = vm.stack.len();
            vm.stack.push(Value::Null);
            let args_start = vm.stack.len();
            vm.stack.extend(args.iter().cloned());
            vm.enter_function(func, args_start, 1, kwnames, true)?;
            if func.code.flags & flags::GENERATOR != 0 {
                return Ok(vm.stack.pop().unwrap_or_else(|| Value::None));
            }
            let result = dispatch::run(vm);
            debug_assert!(vm.stack.len() == callable_at);
            result
        }
        Value::Method(m) if matches!(m.func, Value::Function(_)) => {
            let mut full: ArgVec = SmallVec::with_capacity(args.len() + 1);
            full.push(m.self_value.clone());
            full.extend(args.iter().cloned());
            call_from_rust(vm, &m.func.clone(), &full, kwnames)
        }
        _ => vm.call_non_python(callable, args, kwnames),
    }
}
