//! The 16-byte `Value` every stack slot, local and container element holds.
//!
//! Small ints (`i64`), floats, bools and `None` are unboxed: arithmetic on them never allocates.
//! Everything else is a reference-counted heap object, one `Rc` variant per object kind, so a
//! `match` on a value finds both the type and the payload in one step.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use num_bigint::BigInt;

use crate::bytecode::Code;
use crate::error::PyResult;
use crate::objects::dict::PyDict;
pub use crate::objects::generator::PyGenerator;
use crate::objects::iter::PyIterator;
use crate::objects::set::PySet;
use crate::objects::str::PyStr;
use crate::objects::types::{PyType, TypeId};
use crate::vm::Vm;

/// A Python value. Must stay 16 bytes (checked by a test): one tag word, one payload word.
///
/// `repr(u64)` makes the tag a whole word. With the default `u8` tag, writing a value stores
/// one byte and one word, while moving it (`Vec::pop`, `Option<Value>`, `mem::replace`)
/// loads bytes 1..16 as overlapping words: a load that spans two earlier stores cannot be
/// forwarded from the store buffer and waits for them to reach the cache, on the dispatch
/// loop's critical path. Whole-word tags made fib 1.32x and nbody 1.61x faster (ARCHITECTURE.md,
/// "Values").
///
/// Every payload is one integer or pointer word: bools and floats are held as `BoolWord` and
/// `FloatWord` (construct them with `Value::bool` and `Value::float`; read them with `get`).
/// That gives `Value` rustc's scalar-pair layout: LLVM passes, returns and moves a value as
/// two registers, where a payload of mixed types (`bool`, `f64`, pointers) made it an opaque
/// 16 bytes, moved through stack copies and 16-byte vector loads of words just stored
/// separately (the same forwarding stall, placed wherever the optimizer happened to put the
/// copies: see ARCHITECTURE.md, "Values").
///
/// The variants without a heap payload come first (`Null` ..= `Float`), so "is there a
/// reference count to touch" is one comparison of the tag: `clone` and `discard` inline that
/// test and leave only reference-counted values to out-of-line code.
#[repr(u64)]
pub enum Value {
    /// Internal marker, never visible to Python code: an unbound local slot, or the "no self"
    /// half of a LOAD_METHOD pair.
    Null,
    None,
    NotImplemented,
    Ellipsis,
    Bool(BoolWord),
    /// An int that fits in i64. Every int result that fits MUST be stored here, never as BigInt.
    Int(i64),
    Float(FloatWord),
    /// An int outside i64's range (the invariant: its value never fits in i64).
    BigInt(Rc<BigInt>),
    Str(Rc<PyStr>),
    List(Rc<PyList>),
    Tuple(Rc<PyTuple>),
    Dict(Rc<PyDict>),
    Set(Rc<PySet>),
    FrozenSet(Rc<PySet>),
    Range(Rc<PyRange>),
    Slice(Rc<PySlice>),
    Function(Rc<PyFunction>),
    Native(Rc<NativeFunction>),
    Method(Rc<PyMethod>),
    Type(Rc<PyType>),
    Module(Rc<PyModule>),
    Iter(Rc<PyIterator>),
    DictView(Rc<DictView>),
    Cell(Rc<PyCell>),
    Code(Rc<Code>),
    Exception(Rc<PyException>),
    /// An instance of a user class, or of a type implemented in Rust outside the core
    /// (deque, StringIO, partial, property, ...): see `PyObject`.
    Object(Rc<PyObject>),
    /// A generator object (`objects::generator`).
    Generator(Rc<PyGenerator>),
    /// `bytes`: immutable.
    Bytes(Rc<PyBytes>),
    /// `bytearray`: mutable.
    ByteArray(Rc<PyByteArray>),
}

/// A `bool` held in a whole word, the payload of `Value::Bool`. Together with `FloatWord`
/// it makes every payload an integer or a pointer of one word, which gives `Value` rustc's
/// scalar-pair layout (see `Value`). The discriminants are explicit, so `b as i64` is 0 or 1
/// like a `bool`'s cast (the int value of `False` and `True`, which many operations use).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum BoolWord {
    False = 0,
    True = 1,
}

impl BoolWord {
    #[inline(always)]
    pub fn get(self) -> bool {
        self == BoolWord::True
    }
}

impl From<bool> for BoolWord {
    #[inline(always)]
    fn from(b: bool) -> BoolWord {
        if b { BoolWord::True } else { BoolWord::False }
    }
}

/// An `f64` held as its bit pattern, the payload of `Value::Float` (see `BoolWord` for why).
/// Converting either way is a register move.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct FloatWord(u64);

impl FloatWord {
    #[inline(always)]
    pub fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

impl std::fmt::Debug for BoolWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl std::fmt::Debug for FloatWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl From<f64> for FloatWord {
    #[inline(always)]
    fn from(f: f64) -> FloatWord {
        FloatWord(f.to_bits())
    }
}

impl Value {
    /// `True` or `False`.
    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        Value::Bool(BoolWord::from(b))
    }

    /// A float.
    #[inline(always)]
    pub fn float(f: f64) -> Value {
        Value::Float(FloatWord::from(f))
    }
}

/// An instance of a class that has no dedicated `Value` variant: every user class, and the
/// types the standard modules implement in Rust. Operations on it dispatch through the dunder
/// methods found on its class's MRO (for Rust types, natives registered in the type's dict).
pub struct PyObject {
    /// `__class__` (assignable between layout-compatible classes).
    pub class: RefCell<Rc<PyType>>,
    /// The instance attributes (`objects::instance_attrs`): inline values laid out by the
    /// class's shared keys, a real `__dict__`, or none for classes whose instances have no
    /// dict (`__slots__` only, or a Rust type that keeps its state in `native`).
    pub attrs: RefCell<crate::objects::instance_attrs::InstanceAttrs>,
    /// Values of `__slots__` attributes, in the class's slot order; `Value::Null` when unset.
    pub slots: RefCell<Vec<Value>>,
    /// For instances of subclasses of builtin value types (`class L(list)`, `class N(int)`):
    /// the builtin value that carries the data, which builtin methods and operations act on.
    /// `Value::Null` otherwise.
    pub base_value: Value,
    /// State of a type implemented in Rust (a deque's items, a StringIO's buffer, ...).
    pub native: Option<Box<dyn NativeState>>,
}

impl PyObject {
    /// The Rust state of this object, if it is a `T`.
    pub fn native_ref<T: NativeState>(&self) -> Option<&T> {
        let state: &dyn std::any::Any = self.native.as_deref()?;
        state.downcast_ref::<T>()
    }

    /// The object's class.
    pub fn class(&self) -> Rc<PyType> {
        self.class.borrow().clone()
    }
}

/// The state a Rust-implemented type keeps inside a `PyObject`. It holds its own interior
/// mutability (`RefCell`s). `trace` and `clear` let the cycle collector see and break the
/// references it holds.
pub trait NativeState: std::any::Any {
    /// Call `visit` on every `Value` this state references. A collection can start inside
    /// any allocation: use `try_borrow` and skip what is borrowed (never `borrow`).
    fn trace(&self, _visit: &mut dyn FnMut(&Value)) {}
    /// Drop every reference this state holds (called only on unreachable cycles).
    fn clear(&self) {}
}

/// `bytes`.
pub struct PyBytes {
    pub data: Box<[u8]>,
}

/// `bytearray`.
pub struct PyByteArray {
    pub data: RefCell<Vec<u8>>,
}

/// `list`: a growable vector behind a RefCell. Never hold a borrow across a call into Python.
pub struct PyList {
    pub items: RefCell<Vec<Value>>,
}

/// `tuple`: immutable.
pub struct PyTuple {
    pub items: Box<[Value]>,
}

/// `range(start, stop, step)` with i64 bounds (bigger ranges raise OverflowError).
pub struct PyRange {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

/// `slice(start, stop, step)`; absent parts are `Value::None`.
pub struct PySlice {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// A Python function: code plus the environment it closes over.
pub struct PyFunction {
    pub code: Rc<Code>,
    pub globals: Rc<PyDict>,
    /// Default values for the last positional parameters.
    pub defaults: Option<Rc<PyTuple>>,
    /// Defaults for keyword-only parameters (str -> value).
    pub kwdefaults: Option<Rc<PyDict>>,
    /// One cell per free variable of `code`, in `code.freevars` order.
    pub closure: Option<Rc<PyTuple>>,
    pub name: RefCell<Rc<PyStr>>,
    pub qualname: RefCell<Rc<PyStr>>,
    /// The function's `__dict__` (attributes set on it, like `__wrapped__`), created on first
    /// use.
    pub dict: RefCell<Option<Rc<PyDict>>>,
}

/// Arguments of a native call: `args` holds the positional values followed by the keyword
/// values; `kwnames` names the last `kwnames.len()` of them.
pub struct CallArgs<'a> {
    pub args: &'a [Value],
    pub kwnames: &'a [Rc<PyStr>],
}

impl<'a> CallArgs<'a> {
    pub fn new(args: &'a [Value]) -> CallArgs<'a> {
        CallArgs { args, kwnames: &[] }
    }

    /// The positional arguments.
    pub fn positional(&self) -> &'a [Value] {
        &self.args[..self.args.len() - self.kwnames.len()]
    }

    /// (name, value) of every keyword argument.
    pub fn keywords(&self) -> impl Iterator<Item = (&'a str, &'a Value)> + '_ {
        let start = self.args.len() - self.kwnames.len();
        self.kwnames.iter().map(|n| n.as_str()).zip(self.args[start..].iter())
    }

    /// The keyword argument `name`, if given.
    pub fn kwarg(&self, name: &str) -> Option<&'a Value> {
        self.keywords().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// Signature of every function implemented in Rust (builtins and methods of builtin types).
/// For methods, `args.args[0]` is `self`.
pub type NativeFn = fn(&mut Vm, CallArgs<'_>) -> PyResult<Value>;

/// A function implemented in Rust: a builtin like `len`, or a method like `str.upper`
/// (then `self` is passed as the first positional argument).
pub struct NativeFunction {
    pub name: &'static str,
    pub func: NativeFn,
    /// The type this method belongs to, if it is a method of a builtin type (for reprs like
    /// `<method 'upper' of 'str' objects>`).
    pub owner: Option<TypeId>,
    /// True for methods (of builtin types and of Rust-implemented types): found on a class,
    /// they bind to the instance like Python functions do. Plain builtin functions (`len`)
    /// stored as class attributes do not bind.
    pub is_method: bool,
}

/// A callable bound to its first argument: `obj.method` for a Python or native function.
pub struct PyMethod {
    pub func: Value,
    pub self_value: Value,
}

/// A module object: a name and its global namespace.
pub struct PyModule {
    pub name: Rc<PyStr>,
    pub dict: Rc<PyDict>,
}

/// A closure cell shared between a defining frame and the functions that capture it.
pub struct PyCell {
    pub value: RefCell<Value>,
}

/// `dict.keys()`, `dict.values()`, `dict.items()` views.
pub struct DictView {
    pub dict: Rc<PyDict>,
    pub kind: DictViewKind,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

/// One line of a traceback: which code, at which line.
#[derive(Clone)]
pub struct TraceEntry {
    pub filename: Rc<str>,
    pub name: Rc<str>,
    pub line: u32,
}

/// An exception instance (of a builtin exception type or of a user subclass: `ty`). Its
/// behaviour lives in `objects::exception`.
pub struct PyException {
    pub ty: Rc<PyType>,
    /// `args`: set by `__new__`, replaced by `BaseException.__init__` and by assignment.
    pub args: RefCell<Rc<PyTuple>>,
    /// Innermost call last (the order a traceback prints in).
    pub traceback: RefCell<Vec<TraceEntry>>,
    pub context: RefCell<Option<Rc<PyException>>>,
    pub cause: RefCell<Option<Rc<PyException>>>,
    pub suppress_context: Cell<bool>,
    /// Instance attributes (`self.code = code` in a subclass, `errno`, `__notes__`, ...),
    /// created on first use.
    pub dict: RefCell<Option<Rc<PyDict>>>,
    /// Set once the unwinder attached the handled exception as `__context__` (implicit
    /// chaining happens once, where the exception is raised, not in every frame it leaves).
    pub chained: Cell<bool>,
}

impl PyException {
    /// A fresh, unraised exception of type `ty`.
    pub fn new(ty: Rc<PyType>, args: Vec<Value>) -> PyException {
        PyException {
            ty,
            args: RefCell::new(Rc::new(PyTuple { items: args.into_boxed_slice() })),
            traceback: RefCell::new(Vec::new()),
            context: RefCell::new(None),
            cause: RefCell::new(None),
            suppress_context: Cell::new(false),
            dict: RefCell::new(None),
            chained: Cell::new(false),
        }
    }

    /// The current `args` tuple.
    pub fn args(&self) -> Rc<PyTuple> {
        self.args.borrow().clone()
    }
}

impl Clone for Value {
    /// Scalars are copied inline as their two words, after one comparison of the tag;
    /// reference-counted values go through `clone_counted`, so the dispatch loop does not call
    /// out of line to copy an int or a float. (A `match` with one arm per scalar variant
    /// compiled to a jump table: a second indirect branch in every LOAD_FAST.)
    #[inline(always)]
    fn clone(&self) -> Value {
        if self.is_scalar() {
            // SAFETY: the scalar variants own nothing (no `Rc`, no drop glue), so a bitwise
            // copy is an independent, valid value; `Value` is two integer/pointer words, read
            // as two words (ARCHITECTURE.md, "Values").
            unsafe { std::ptr::read(self) }
        } else if let Value::Object(o) = self {
            // Instances, the most copied counted values (LOAD_FAST of `self`), get their count
            // incremented inline.
            Value::Object(o.clone())
        } else {
            self.clone_counted()
        }
    }
}

impl Value {
    /// Clone a value that holds an `Rc`: one more reference to the same object.
    #[inline(never)]
    fn clone_counted(&self) -> Value {
        match self {
            Value::Null => Value::Null,
            Value::None => Value::None,
            Value::NotImplemented => Value::NotImplemented,
            Value::Ellipsis => Value::Ellipsis,
            Value::Bool(b) => Value::Bool(*b),
            Value::Int(i) => Value::Int(*i),
            Value::Float(f) => Value::Float(*f),
            Value::BigInt(r) => Value::BigInt(r.clone()),
            Value::Str(r) => Value::Str(r.clone()),
            Value::List(r) => Value::List(r.clone()),
            Value::Tuple(r) => Value::Tuple(r.clone()),
            Value::Dict(r) => Value::Dict(r.clone()),
            Value::Set(r) => Value::Set(r.clone()),
            Value::FrozenSet(r) => Value::FrozenSet(r.clone()),
            Value::Range(r) => Value::Range(r.clone()),
            Value::Slice(r) => Value::Slice(r.clone()),
            Value::Function(r) => Value::Function(r.clone()),
            Value::Native(r) => Value::Native(r.clone()),
            Value::Method(r) => Value::Method(r.clone()),
            Value::Type(r) => Value::Type(r.clone()),
            Value::Module(r) => Value::Module(r.clone()),
            Value::Iter(r) => Value::Iter(r.clone()),
            Value::DictView(r) => Value::DictView(r.clone()),
            Value::Cell(r) => Value::Cell(r.clone()),
            Value::Code(r) => Value::Code(r.clone()),
            Value::Exception(r) => Value::Exception(r.clone()),
            Value::Object(r) => Value::Object(r.clone()),
            Value::Generator(r) => Value::Generator(r.clone()),
            Value::Bytes(r) => Value::Bytes(r.clone()),
            Value::ByteArray(r) => Value::ByteArray(r.clone()),
        }
    }

    /// True for the variants without a reference-counted payload (nothing to do on drop).
    #[inline(always)]
    pub fn is_scalar(&self) -> bool {
        matches!(self, Value::Null | Value::None | Value::NotImplemented | Value::Ellipsis | Value::Bool(_) | Value::Int(_) | Value::Float(_))
    }

    /// Drop this value, testing inline whether there is a reference count to release; the
    /// dispatch loop uses it where it overwrites or discards values, which are mostly ints,
    /// floats and bools (an implicit drop is an out-of-line call for every variant).
    #[inline(always)]
    pub fn discard(self) {
        if self.is_scalar() {
            std::mem::forget(self);
        } else if let Value::Object(o) = self {
            // As in `clone`: an instance's count is decremented inline (`Rc`'s drop frees the
            // object out of line when it was the last reference).
            drop(o);
        } else {
            drop(self);
        }
    }

    /// The builtin type tag of this value (cheap; no allocation).
    pub fn type_id(&self) -> TypeId {
        use crate::objects::iter::IterKind;
        match self {
            Value::Null => TypeId::NoneType,
            Value::None => TypeId::NoneType,
            Value::NotImplemented => TypeId::NotImplementedType,
            Value::Ellipsis => TypeId::Ellipsis,
            Value::Bool(_) => TypeId::Bool,
            Value::Int(_) | Value::BigInt(_) => TypeId::Int,
            Value::Float(_) => TypeId::Float,
            Value::Str(_) => TypeId::Str,
            Value::List(_) => TypeId::List,
            Value::Tuple(_) => TypeId::Tuple,
            Value::Dict(_) => TypeId::Dict,
            Value::Set(_) => TypeId::Set,
            Value::FrozenSet(_) => TypeId::FrozenSet,
            Value::Range(_) => TypeId::Range,
            Value::Slice(_) => TypeId::Slice,
            Value::Function(_) => TypeId::Function,
            Value::Native(n) => {
                if n.is_method {
                    TypeId::MethodDescriptor
                } else {
                    TypeId::BuiltinFunction
                }
            }
            Value::Method(m) => match m.func {
                Value::Native(_) => TypeId::BuiltinFunction,
                _ => TypeId::Method,
            },
            Value::Type(_) => TypeId::Type,
            Value::Module(_) => TypeId::Module,
            Value::Iter(it) => match &*it.state.borrow() {
                IterKind::Enumerate { .. } => TypeId::Enumerate,
                IterKind::Zip { .. } => TypeId::Zip,
                IterKind::Map { .. } => TypeId::Map,
                IterKind::Filter { .. } => TypeId::Filter,
                IterKind::List { .. } => TypeId::ListIterator,
                IterKind::ListReversed { .. } => TypeId::ListReverseIterator,
                IterKind::TupleReversed { .. } => TypeId::Reversed,
                IterKind::Tuple { .. } => TypeId::TupleIterator,
                IterKind::Range { .. } => TypeId::RangeIterator,
                IterKind::Str { s, .. } if s.is_ascii() => TypeId::StrAsciiIterator,
                IterKind::Str { .. } => TypeId::StrIterator,
                IterKind::DictKeys { .. } => TypeId::DictKeyIterator,
                IterKind::Dict { kind: DictViewKind::Keys, .. } => TypeId::DictKeyIterator,
                IterKind::Dict { kind: DictViewKind::Values, .. } => TypeId::DictValueIterator,
                IterKind::Dict { kind: DictViewKind::Items, .. } => TypeId::DictItemIterator,
                IterKind::Set { .. } => TypeId::SetIterator,
                IterKind::Callable { .. } => TypeId::CallableIterator,
                IterKind::Bytes { data: Value::ByteArray(_), .. } => TypeId::ByteArrayIterator,
                IterKind::Bytes { .. } => TypeId::BytesIterator,
                _ => TypeId::Iterator,
            },
            Value::DictView(v) => match v.kind {
                DictViewKind::Keys => TypeId::DictKeys,
                DictViewKind::Values => TypeId::DictValues,
                DictViewKind::Items => TypeId::DictItems,
            },
            Value::Cell(_) => TypeId::Cell,
            Value::Code(_) => TypeId::Code,
            Value::Exception(e) => e.ty.base_builtin(),
            Value::Object(o) => o.class.borrow().base_builtin(),
            Value::Generator(_) => TypeId::Generator,
            Value::Bytes(_) => TypeId::Bytes,
            Value::ByteArray(_) => TypeId::ByteArray,
        }
    }

    pub fn str(s: &str) -> Value {
        Value::Str(Rc::new(PyStr::new(s.to_owned())))
    }

    pub fn string(s: String) -> Value {
        Value::Str(Rc::new(PyStr::new(s)))
    }

    /// A new list (tracked by the cycle collector).
    pub fn list(items: Vec<Value>) -> Value {
        crate::gc::tracked(Value::List(Rc::new(PyList { items: RefCell::new(items) })))
    }

    /// A new tuple (tracked by the cycle collector if it holds containers).
    pub fn tuple(items: Vec<Value>) -> Value {
        crate::gc::tracked(Value::Tuple(Rc::new(PyTuple { items: items.into_boxed_slice() })))
    }

    /// A new dict value (tracked by the cycle collector).
    pub fn dict(dict: PyDict) -> Value {
        crate::gc::tracked(Value::Dict(Rc::new(dict)))
    }

    /// A new set value (tracked by the cycle collector).
    pub fn set(set: PySet) -> Value {
        crate::gc::tracked(Value::Set(Rc::new(set)))
    }

    /// An int value from a BigInt, normalized to `Int` when it fits in i64.
    pub fn from_bigint(b: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }

    /// Identity (`is`): same object for heap values, same value for unboxed ones. The most
    /// common test, `is None` / `is not None`, is answered inline.
    #[inline(always)]
    pub fn is(&self, other: &Value) -> bool {
        if let Value::None = other {
            return matches!(self, Value::None);
        }
        self.is_any(other)
    }

    /// `is` for any pair of values.
    fn is_any(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Null, Null) | (None, None) | (NotImplemented, NotImplemented) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            // Unboxed ints behave like CPython's cached small ints for `is`.
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.get().to_bits() == b.get().to_bits(),
            _ => match (self.heap_ptr(), other.heap_ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// Address of the heap object, if any (used by `is` and `id()`).
    pub fn heap_ptr(&self) -> Option<usize> {
        fn p<T>(r: &Rc<T>) -> Option<usize> {
            Some(Rc::as_ptr(r) as *const u8 as usize)
        }
        match self {
            Value::BigInt(r) => p(r),
            Value::Str(r) => p(r),
            Value::List(r) => p(r),
            Value::Tuple(r) => p(r),
            Value::Dict(r) => p(r),
            Value::Set(r) => p(r),
            Value::FrozenSet(r) => p(r),
            Value::Range(r) => p(r),
            Value::Slice(r) => p(r),
            Value::Function(r) => p(r),
            Value::Native(r) => p(r),
            Value::Method(r) => p(r),
            Value::Type(r) => p(r),
            Value::Module(r) => p(r),
            Value::Iter(r) => p(r),
            Value::DictView(r) => p(r),
            Value::Cell(r) => p(r),
            Value::Code(r) => p(r),
            Value::Exception(r) => p(r),
            Value::Object(r) => p(r),
            Value::Generator(r) => p(r),
            Value::Bytes(r) => p(r),
            Value::ByteArray(r) => p(r),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
        assert_eq!(std::mem::size_of::<PyResult<Value>>(), 16);
    }

    /// Bools and floats are held as whole integer words (the condition for rustc's scalar-pair
    /// layout), and the conversions keep every bit: NaN payloads, the sign of zero.
    #[test]
    fn bool_and_float_payloads_are_whole_words() {
        assert_eq!(std::mem::size_of::<BoolWord>(), 8);
        assert_eq!(std::mem::size_of::<FloatWord>(), 8);
        let payload = |v: &Value| {
            // SAFETY: `Value` is 16 bytes, 8-aligned (checked above); a `Bool` or `Float`
            // value's second word is its fully initialised 8-byte payload.
            unsafe { *(v as *const Value as *const u64).add(1) }
        };
        for f in [-0.0, 0.0, f64::INFINITY, f64::from_bits(0x7ff8_0000_dead_beef), 1.5e-310] {
            let v = Value::float(f);
            assert_eq!(payload(&v), f.to_bits());
            assert!(matches!(v, Value::Float(w) if w.get().to_bits() == f.to_bits()));
        }
        assert_eq!(payload(&Value::bool(true)), 1);
        assert_eq!((BoolWord::False as i64, BoolWord::True as i64), (0, 1));
        assert_eq!(payload(&Value::bool(false)), 0);
        assert!(matches!(Value::bool(true), Value::Bool(b) if b.get()));
        assert_eq!(format!("{:?} {:?}", BoolWord::True, FloatWord::from(-0.5)), "true -0.5");
    }

    /// The tag fills the first word (`repr(u64)`), so a value is written and read as two whole
    /// words and moves never split a store (see the comment on `Value`).
    #[test]
    fn value_tag_is_a_whole_word() {
        assert_eq!(std::mem::align_of::<Value>(), 8);
        let v = Value::Int(-1);
        // SAFETY: `Value` is `repr(u64)`: every variant is laid out as a `repr(C)` struct whose
        // first field is the `u64` tag, so the first 8 bytes of any value are that tag.
        let tag = unsafe { *(&v as *const Value as *const u64) };
        assert_eq!(tag, 5, "Int is the sixth variant");
        let v = Value::Null;
        // SAFETY: as above; `Null` is variant 0 and its tag word is fully written.
        let tag = unsafe { *(&v as *const Value as *const u64) };
        assert_eq!(tag, 0);
    }
}
