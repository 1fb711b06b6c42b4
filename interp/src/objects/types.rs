//! Type objects: `PyType`, the builtin type registry and `TypeId`, the cheap tag every value
//! maps to.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use crate::objects::dict::PyDict;
use crate::value::{NativeFn, NativeFunction, Value};

/// Declares every builtin type once: its `TypeId`, Python name, and base (for exceptions).
macro_rules! builtin_types {
    ($(($id:ident, $name:expr, $base:ident),)*) => {
        /// Tag of a builtin type. `Object` is the root.
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        #[repr(u8)]
        pub enum TypeId {
            $($id,)*
        }

        impl TypeId {
            pub const ALL: &'static [TypeId] = &[$(TypeId::$id,)*];

            /// The name Python shows (`type(x).__name__`).
            pub fn name(self) -> &'static str {
                match self { $(TypeId::$id => $name,)* }
            }

            /// The single base type (`Object` for the root itself).
            pub fn base(self) -> TypeId {
                match self { $(TypeId::$id => TypeId::$base,)* }
            }
        }
    };
}

builtin_types! {
    (Object, "object", Object),
    (Type, "type", Object),
    (NoneType, "NoneType", Object),
    (NotImplementedType, "NotImplementedType", Object),
    (Ellipsis, "ellipsis", Object),
    (Int, "int", Object),
    (Bool, "bool", Int),
    (Float, "float", Object),
    (Str, "str", Object),
    (List, "list", Object),
    (Tuple, "tuple", Object),
    (Dict, "dict", Object),
    (Set, "set", Object),
    (FrozenSet, "frozenset", Object),
    (Range, "range", Object),
    (Slice, "slice", Object),
    (Function, "function", Object),
    (BuiltinFunction, "builtin_function_or_method", Object),
    (MethodDescriptor, "method_descriptor", Object),
    (Method, "method", Object),
    (Module, "module", Object),
    (Iterator, "iterator", Object),
    (ListIterator, "list_iterator", Object),
    (ListReverseIterator, "list_reverseiterator", Object),
    (TupleIterator, "tuple_iterator", Object),
    (RangeIterator, "range_iterator", Object),
    (StrIterator, "str_iterator", Object),
    (StrAsciiIterator, "str_ascii_iterator", Object),
    (DictKeyIterator, "dict_keyiterator", Object),
    (DictValueIterator, "dict_valueiterator", Object),
    (DictItemIterator, "dict_itemiterator", Object),
    (SetIterator, "set_iterator", Object),
    (CallableIterator, "callable_iterator", Object),
    (BytesIterator, "bytes_iterator", Object),
    (ByteArrayIterator, "bytearray_iterator", Object),
    (Enumerate, "enumerate", Object),
    (Zip, "zip", Object),
    (Map, "map", Object),
    (Filter, "filter", Object),
    (Reversed, "reversed", Object),
    (DictKeys, "dict_keys", Object),
    (DictValues, "dict_values", Object),
    (DictItems, "dict_items", Object),
    (Cell, "cell", Object),
    (Code, "code", Object),
    (Generator, "generator", Object),
    (Bytes, "bytes", Object),
    (ByteArray, "bytearray", Object),
    (Property, "property", Object),
    (StaticMethod, "staticmethod", Object),
    (ClassMethod, "classmethod", Object),
    (Super, "super", Object),
    (BaseException, "BaseException", Object),
    (SystemExit, "SystemExit", BaseException),
    (KeyboardInterrupt, "KeyboardInterrupt", BaseException),
    (GeneratorExit, "GeneratorExit", BaseException),
    (Exception, "Exception", BaseException),
    (StopIteration, "StopIteration", Exception),
    (ArithmeticError, "ArithmeticError", Exception),
    (FloatingPointError, "FloatingPointError", ArithmeticError),
    (OverflowError, "OverflowError", ArithmeticError),
    (ZeroDivisionError, "ZeroDivisionError", ArithmeticError),
    (AssertionError, "AssertionError", Exception),
    (AttributeError, "AttributeError", Exception),
    (EOFError, "EOFError", Exception),
    (ImportError, "ImportError", Exception),
    (ModuleNotFoundError, "ModuleNotFoundError", ImportError),
    (LookupError, "LookupError", Exception),
    (IndexError, "IndexError", LookupError),
    (KeyError, "KeyError", LookupError),
    (MemoryError, "MemoryError", Exception),
    (NameError, "NameError", Exception),
    (UnboundLocalError, "UnboundLocalError", NameError),
    (OSError, "OSError", Exception),
    (FileNotFoundError, "FileNotFoundError", OSError),
    (RuntimeError, "RuntimeError", Exception),
    (NotImplementedError, "NotImplementedError", RuntimeError),
    (RecursionError, "RecursionError", RuntimeError),
    (SyntaxError, "SyntaxError", Exception),
    (IndentationError, "IndentationError", SyntaxError),
    (TypeError, "TypeError", Exception),
    (ValueError, "ValueError", Exception),
    (UnicodeError, "UnicodeError", ValueError),
    (TabError, "TabError", IndentationError),
    (SystemError, "SystemError", Exception),
    (ReferenceError, "ReferenceError", Exception),
    (BufferError, "BufferError", Exception),
    (StopAsyncIteration, "StopAsyncIteration", Exception),
    (UnicodeDecodeError, "UnicodeDecodeError", UnicodeError),
    (UnicodeEncodeError, "UnicodeEncodeError", UnicodeError),
    (UnicodeTranslateError, "UnicodeTranslateError", UnicodeError),
    (PermissionError, "PermissionError", OSError),
    (FileExistsError, "FileExistsError", OSError),
    (IsADirectoryError, "IsADirectoryError", OSError),
    (NotADirectoryError, "NotADirectoryError", OSError),
    (TimeoutError, "TimeoutError", OSError),
    (InterruptedError, "InterruptedError", OSError),
    (BlockingIOError, "BlockingIOError", OSError),
    (ChildProcessError, "ChildProcessError", OSError),
    (ProcessLookupError, "ProcessLookupError", OSError),
    (ConnectionError, "ConnectionError", OSError),
    (BrokenPipeError, "BrokenPipeError", ConnectionError),
    (ConnectionAbortedError, "ConnectionAbortedError", ConnectionError),
    (ConnectionRefusedError, "ConnectionRefusedError", ConnectionError),
    (ConnectionResetError, "ConnectionResetError", ConnectionError),
    (Warning, "Warning", Exception),
    (UserWarning, "UserWarning", Warning),
    (DeprecationWarning, "DeprecationWarning", Warning),
    (PendingDeprecationWarning, "PendingDeprecationWarning", Warning),
    (SyntaxWarning, "SyntaxWarning", Warning),
    (RuntimeWarning, "RuntimeWarning", Warning),
    (FutureWarning, "FutureWarning", Warning),
    (ImportWarning, "ImportWarning", Warning),
    (UnicodeWarning, "UnicodeWarning", Warning),
    (BytesWarning, "BytesWarning", Warning),
    (ResourceWarning, "ResourceWarning", Warning),
    (EncodingWarning, "EncodingWarning", Warning),
}

impl TypeId {
    /// True for BaseException and everything derived from it.
    pub fn is_exception(self) -> bool {
        let mut t = self;
        loop {
            if t == TypeId::BaseException {
                return true;
            }
            if t == TypeId::Object {
                return false;
            }
            t = t.base();
        }
    }
}

/// A type object. Builtin types are created once per interpreter thread (see `builtin_type`);
/// user classes (issue #3) are created by the class statement.
pub struct PyType {
    pub name: Rc<str>,
    /// `__qualname__` (the same as `name` for builtin and Rust-implemented types).
    pub qualname: Rc<str>,
    /// Set for builtin types.
    pub builtin: Option<TypeId>,
    /// The nearest builtin type on the MRO: the type itself for builtin types, `Object` for a
    /// plain class, `List` for `class L(list)`, `ValueError` for `class E(ValueError)`. It
    /// decides the layout of instances (`Value::Object` with a `base_value`, or
    /// `Value::Exception`) and is what `Value::type_id` reports.
    pub base_builtin: TypeId,
    /// Direct bases.
    pub bases: Vec<Rc<PyType>>,
    /// Method resolution order *after* this type itself (kept without `self` so a type does not
    /// own a reference to itself).
    pub mro_tail: Vec<Rc<PyType>>,
    /// Attributes and methods defined by this type.
    pub dict: Rc<PyDict>,
    /// `__module__`-like qualifier for reprs (`builtins` types print without it).
    pub module: Option<Rc<str>>,
    /// Version tag: names one state of this type's attributes (see `next_type_version`). A
    /// fresh, never reused number at creation and whenever the dict of this type or of any
    /// type on its MRO gets a write or a delete (`attributes_changed`). The attribute caches
    /// (`bytecode::code::AttrCacheSlot`) rely on it: what a lookup found under a tag (no data
    /// descriptor, a method at a dict position, the hook flags) holds while the tag is current.
    pub version: std::cell::Cell<u64>,
    /// The metaclass (`type(cls)`); `None` means `type`.
    pub metaclass: Option<Rc<PyType>>,
    /// Names of the `__slots__` of instances, inherited ones first (index = position in
    /// `PyObject::slots`).
    pub slots: Vec<Rc<str>>,
    /// Instances carry a `__dict__` (false for builtin types and `__slots__`-only classes).
    pub instance_dict: bool,
    /// The attribute names this class's instances share, in the order they were first set
    /// (`objects::instance_attrs`): an instance with inline values holds `instance_keys[i]`
    /// at index `i`. Only grows, at most `MAX_SHARED_KEYS`, and each growth is a new version
    /// tag for this class.
    pub instance_keys: RefCell<Vec<Rc<crate::objects::str::PyStr>>>,
    /// Where the special methods looked up so far sit on the MRO (`instance::special_method`),
    /// valid while the version tag is the one they were found under.
    pub special_cache: RefCell<SpecialCache>,
    /// Direct subclasses (for `__subclasses__()` and for refreshing `flags`).
    pub subclasses: RefCell<Vec<Weak<PyType>>>,
    /// Cached facts about the MRO (`class_flags::*`), recomputed when a class dict changes.
    pub flags: Cell<u32>,
}

/// The special method lookups of one type (`PyType::special_cache`): for each name, the
/// `(owner, position)` of the MRO dict entry it was found at (owner 0 is the type itself), or
/// `None` when no class on the MRO has it. Positions, not values: the cache holds no
/// references, and under one version tag no MRO dict has changed, so a position still holds
/// the same key.
///
/// `inline_init` is `instance::init_for_inline_call`'s answer under the same tag, for a class
/// whose metaclass is `type`: `None` until asked, then `Some(None)` (a class call takes the
/// general path) or `Some(Some(place))`, where the `__init__` to push as a frame is.
#[derive(Default)]
pub struct SpecialCache {
    pub version: u64,
    pub found: Vec<(&'static str, Option<(u32, u32)>)>,
    pub inline_init: Option<Option<(u32, u32)>>,
}

/// Bits of `PyType::flags`: which attribute hooks a class (or a base) defines in Python.
pub mod class_flags {
    /// `__getattribute__` other than `object.__getattribute__`.
    pub const GETATTRIBUTE: u32 = 1 << 0;
    /// `__getattr__`.
    pub const GETATTR: u32 = 1 << 1;
    /// `__setattr__` other than `object.__setattr__`.
    pub const SETATTR: u32 = 1 << 2;
    /// `__delattr__` other than `object.__delattr__`.
    pub const DELATTR: u32 = 1 << 3;
}

/// The next type version tag. One counter for every type, starting at 1, so a tag names one
/// state of one type's attributes, and 0 is free for "empty" in caches. 64 bits never wrap.
pub fn next_type_version() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl PyType {
    /// Record that this type's attributes changed (a write or a delete in its dict): a fresh
    /// version tag for it and for every subclass, whose MRO includes it. Every write to a
    /// class dict after the class was created must end here (see ARCHITECTURE "Invariants").
    pub fn attributes_changed(self: &Rc<Self>) {
        self.version.set(next_type_version());
        let subclasses: Vec<Rc<PyType>> = self.subclasses.borrow().iter().filter_map(Weak::upgrade).collect();
        for sub in subclasses {
            sub.attributes_changed();
        }
    }

    pub fn builtin_id(&self) -> Option<TypeId> {
        self.builtin
    }

    /// See the `base_builtin` field.
    #[inline]
    pub fn base_builtin(&self) -> TypeId {
        self.base_builtin
    }

    /// A type implemented in Rust by a standard module (`collections.deque`,
    /// `io.StringIO`, ...), deriving from `object`. Its instances are `Value::Object`s whose
    /// `native` state the methods downcast. Constructor protocol: calling the type calls the
    /// `__new__` entry of `methods` with the class as `args[0]`, then `__init__` if present.
    /// Operations (`len`, iteration, `repr`, `==`, subscripts, ...) use the dunder entries.
    pub fn new_native(name: &str, module: &str, methods: &[(&'static str, NativeFn)]) -> Rc<PyType> {
        let dict = Rc::new(PyDict::new());
        for &(method_name, func) in methods {
            dict.set_str(
                method_name,
                Value::Native(Rc::new(NativeFunction { name: method_name, func, owner: None, is_method: true })),
            );
        }
        dict.set_str("__module__", Value::str(module));
        let object = builtin_type(TypeId::Object);
        PyType::new_native_type(name, module, dict, object)
    }

    /// A type implemented in Rust deriving from the builtin type `base` (`defaultdict` from
    /// `dict`, ...). Its instances are `Value::Object`s whose `base_value` holds the builtin
    /// value (create them with `objects::instance::new_native_subtype_instance`) and whose
    /// `native` may hold extra state; builtin methods and operations of `base` act on the
    /// `base_value` unless `methods` overrides them. `__new__`/`__init__` entries work as for
    /// `new_native`; without them, calling the type builds the base value like `base(...)`.
    pub fn new_native_subtype(
        name: &str,
        module: &str,
        base: TypeId,
        methods: &[(&'static str, NativeFn)],
    ) -> Rc<PyType> {
        let dict = Rc::new(PyDict::new());
        for &(method_name, func) in methods {
            dict.set_str(
                method_name,
                Value::Native(Rc::new(NativeFunction { name: method_name, func, owner: None, is_method: true })),
            );
        }
        dict.set_str("__module__", Value::str(module));
        PyType::new_native_type(name, module, dict, builtin_type(base))
    }

    fn new_native_type(name: &str, module: &str, dict: Rc<PyDict>, base: Rc<PyType>) -> Rc<PyType> {
        let mut mro_tail = vec![base.clone()];
        mro_tail.extend(base.mro_tail.iter().cloned());
        let ty = Rc::new(PyType {
            name: Rc::from(name),
            qualname: Rc::from(name),
            builtin: None,
            base_builtin: base.base_builtin,
            bases: vec![base.clone()],
            mro_tail,
            dict,
            module: Some(Rc::from(module)),
            version: std::cell::Cell::new(next_type_version()),
            metaclass: None,
            slots: Vec::new(),
            instance_dict: false,
            instance_keys: RefCell::new(Vec::new()),
            special_cache: RefCell::new(SpecialCache::default()),
            subclasses: RefCell::new(Vec::new()),
            flags: Cell::new(0),
        });
        base.subclasses.borrow_mut().push(Rc::downgrade(&ty));
        // Hooks like a native `__getattr__` must be seen by attribute lookup.
        crate::objects::class_new::refresh_flags(&ty);
        ty
    }

    /// True for classes created by a class statement or `type(name, bases, dict)`.
    pub fn is_user_class(&self) -> bool {
        self.builtin.is_none()
    }

    /// This type, then its MRO tail.
    pub fn mro(self: &Rc<Self>) -> impl Iterator<Item = &Rc<PyType>> {
        std::iter::once(self).chain(self.mro_tail.iter())
    }

    /// The first class of the MRO whose dict has `name`: its index on the MRO (0 = this
    /// type), the dict entry's position and the value. The caches keep the two indexes and
    /// read the value back with `value_on_mro`.
    pub fn find_on_mro(self: &Rc<Self>, name: &str, hash: i64) -> Option<(usize, usize, Value)> {
        self.mro().enumerate().find_map(|(owner, t)| t.dict.find_str_position(name, hash).map(|(position, value)| (owner, position, value)))
    }

    /// The dict entry at `position` of the `owner`-th class of the MRO (0 = this type): what
    /// `find_on_mro` found there, as long as the version tag has not changed since.
    #[inline(always)]
    pub fn value_on_mro(&self, owner: u32, position: u32) -> Option<Value> {
        let owner_type = match owner.checked_sub(1) {
            None => self,
            Some(i) => &**self.mro_tail.get(i as usize)?,
        };
        owner_type.dict.value_at(position as usize)
    }

    /// True if `self` is `other` or derives from it.
    pub fn is_subtype_of(&self, other: &Rc<PyType>) -> bool {
        std::ptr::eq(self, Rc::as_ptr(other)) || self.mro_tail.iter().any(|t| Rc::ptr_eq(t, other))
    }

    /// Look `name` up along the MRO.
    pub fn lookup(self: &Rc<Self>, name: &str) -> Option<Value> {
        for t in self.mro() {
            if let Some(v) = t.dict.get_str(name) {
                return Some(v);
            }
        }
        None
    }
}

/// Methods of one builtin type, as registered by the object modules.
pub type MethodTable = &'static [(&'static str, NativeFn)];

thread_local! {
    static REGISTRY: RefCell<Vec<Rc<PyType>>> = const { RefCell::new(Vec::new()) };
}

fn create_registry() -> Vec<Rc<PyType>> {
    let mut types: Vec<Rc<PyType>> = Vec::with_capacity(TypeId::ALL.len());
    for &id in TypeId::ALL {
        let mut mro_tail = Vec::new();
        let mut bases = Vec::new();
        if id != TypeId::Object {
            let mut t = id.base();
            bases.push(types[t as usize].clone());
            loop {
                mro_tail.push(types[t as usize].clone());
                if t == TypeId::Object {
                    break;
                }
                t = t.base();
            }
        }
        let dict = Rc::new(PyDict::new());
        for &(name, func) in crate::objects::methods_of(id) {
            dict.set_str(name, Value::Native(Rc::new(NativeFunction { name, func, owner: Some(id), is_method: true })));
        }
        for &(name, func) in crate::objects::instance::extra_methods_of(id) {
            dict.set_str(name, Value::Native(Rc::new(NativeFunction { name, func, owner: Some(id), is_method: true })));
        }
        for &(name, func) in crate::objects::instance::static_methods_of(id) {
            dict.set_str(name, Value::Native(Rc::new(NativeFunction { name, func, owner: Some(id), is_method: false })));
        }
        types.push(Rc::new(PyType {
            name: Rc::from(id.name()),
            qualname: Rc::from(id.name()),
            builtin: Some(id),
            base_builtin: id,
            bases,
            mro_tail,
            dict,
            module: None,
            version: std::cell::Cell::new(next_type_version()),
            metaclass: None,
            slots: Vec::new(),
            instance_dict: false,
            instance_keys: RefCell::new(Vec::new()),
            special_cache: RefCell::new(SpecialCache::default()),
            subclasses: RefCell::new(Vec::new()),
            flags: Cell::new(0),
        }));
    }
    types
}

/// The type object of builtin type `id` (created on first use).
pub fn builtin_type(id: TypeId) -> Rc<PyType> {
    REGISTRY.with(|r| {
        if r.borrow().is_empty() {
            let types = create_registry();
            *r.borrow_mut() = types;
        }
        r.borrow()[id as usize].clone()
    })
}

/// `type(value)` as a type object.
pub fn type_of(value: &Value) -> Rc<PyType> {
    match value {
        Value::Exception(e) => e.ty.clone(),
        Value::Object(o) => o.class(),
        Value::Type(t) => match &t.metaclass {
            Some(m) => m.clone(),
            None => builtin_type(TypeId::Type),
        },
        _ => builtin_type(value.type_id()),
    }
}
