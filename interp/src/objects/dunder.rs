//! Operations on instances of classes through their special methods: the fallbacks `ops`
//! calls when an operand is a `Value::Object` (or a class with a user metaclass, or an
//! exception of a user class). Binary operators with reflected and in-place forms, rich
//! comparisons, hashing, truth, `len`, subscripts, `in`, iteration, repr/str/format, unary
//! operators and calls. Instances of subclasses of builtin types fall back to the builtin
//! behaviour on their `base_value` when the class does not override the operation.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use smallvec::SmallVec;

use crate::bytecode::opcodes::{BinaryOp, CompareOp};
use crate::error::{PyErr, PyResult};
use crate::objects::instance::{call_method_of, default_repr, special_method};
use crate::objects::str::PyStr;
use crate::objects::types::{type_of, PyType, TypeId};
use crate::ops;
use crate::value::{CallArgs, NativeState, Value};
use crate::vm::Vm;

/// True for values whose operations may be defined in Python: instances of classes, classes
/// (through their metaclass), and exceptions.
#[inline]
pub fn is_dynamic(v: &Value) -> bool {
    match v {
        Value::Object(_) => true,
        Value::Type(t) => t.metaclass.is_some(),
        Value::Exception(e) => e.ty.builtin.is_none(),
        _ => false,
    }
}

/// The builtin value inside an instance of a subclass of a builtin type (else `v` itself).
pub fn unwrap_base(v: &Value) -> Value {
    match v {
        Value::Object(o) if !matches!(o.base_value, Value::Null) => o.base_value.clone(),
        other => other.clone(),
    }
}

fn is_plain_object(v: &Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.base_value, Value::Null))
}

/// The identity hash of an object (its address, rotated like CPython's).
pub fn identity_hash(v: &Value) -> i64 {
    let h = v.heap_ptr().unwrap_or(0).rotate_right(4) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Find special method `name` on `v`'s class.
fn special(v: &Value, name: &'static str) -> Option<Value> {
    if !is_dynamic(v) {
        return None;
    }
    match special_method(&type_of(v), name)? {
        Value::None => None,
        f => Some(f),
    }
}

// ---------------------------------------------------------------------------------------------
// A spare interpreter for hashing and comparing objects inside containers, where no `Vm` is
// at hand (dict and set lookups). The special methods run as ordinary Python functions on it.

thread_local! {
    static SPARE_VM: RefCell<Option<Box<Vm>>> = const { RefCell::new(None) };
}

fn with_spare_vm<R>(f: impl FnOnce(&mut Vm) -> R) -> R {
    let taken = SPARE_VM.with(|s| s.borrow_mut().take());
    let mut vm = taken.unwrap_or_else(|| Box::new(Vm::new(Vec::new())));
    let result = f(&mut vm);
    SPARE_VM.with(|s| *s.borrow_mut() = Some(vm));
    result
}

// ---------------------------------------------------------------------------------------------
// Hashing and equality.

/// `hash(v)` for a dynamic value.
pub fn hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let cls = type_of(v);
    match special_method(&cls, "__hash__") {
        Some(Value::None) => Err(PyErr::type_error(format!("unhashable type: '{}'", cls.name))),
        Some(f) => {
            let r = call_method_of(vm, &f, v, &[])?;
            match r {
                Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
                Value::Bool(b) => Ok(b as i64),
                Value::BigInt(_) => ops::hash(&r),
                Value::Object(ref o) if matches!(o.base_value, Value::Int(_) | Value::BigInt(_)) => ops::hash(&o.base_value),
                _ => Err(PyErr::type_error("__hash__ method should return an integer")),
            }
        }
        None => match v {
            Value::Object(o) if !matches!(o.base_value, Value::Null) => ops::hash(&o.base_value),
            _ => Ok(identity_hash(v)),
        },
    }
}

/// `hash(v)` where no `Vm` is available (container lookups).
pub fn hash_without_vm(v: &Value) -> PyResult<i64> {
    let cls = type_of(v);
    match special_method(&cls, "__hash__") {
        Some(Value::None) => Err(PyErr::type_error(format!("unhashable type: '{}'", cls.name))),
        Some(_) => with_spare_vm(|vm| hash(vm, v)),
        None => match v {
            Value::Object(o) if !matches!(o.base_value, Value::Null) => ops::hash(&o.base_value),
            _ => Ok(identity_hash(v)),
        },
    }
}

/// `a == b` where one side is dynamic and no `Vm` is available (container lookups).
pub fn eq_without_vm(a: &Value, b: &Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    if special(a, "__eq__").is_none() && special(b, "__eq__").is_none() {
        let (x, y) = (unwrap_base(a), unwrap_base(b));
        if is_plain_object(&x) || is_plain_object(&y) || matches!(x, Value::Type(_)) || matches!(y, Value::Type(_)) {
            return Ok(x.is(&y));
        }
        return ops::eq_builtin(&x, &y);
    }
    with_spare_vm(|vm| {
        let r = compare(vm, CompareOp::Eq, a, b)?;
        ops::truthy(vm, &r)
    })
}

// ---------------------------------------------------------------------------------------------
// Rich comparisons.

fn compare_names(op: CompareOp) -> (&'static str, &'static str) {
    match op {
        CompareOp::Lt => ("__lt__", "__gt__"),
        CompareOp::Le => ("__le__", "__ge__"),
        CompareOp::Eq => ("__eq__", "__eq__"),
        CompareOp::Ne => ("__ne__", "__ne__"),
        CompareOp::Gt => ("__gt__", "__lt__"),
        CompareOp::Ge => ("__ge__", "__le__"),
    }
}

fn swapped(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Lt => CompareOp::Gt,
        CompareOp::Le => CompareOp::Ge,
        CompareOp::Gt => CompareOp::Lt,
        CompareOp::Ge => CompareOp::Le,
        other => other,
    }
}

/// One side's comparison method: `NotImplemented` when it has none.
fn try_compare(vm: &mut Vm, op: CompareOp, name: &'static str, v: &Value, other: &Value) -> PyResult<Value> {
    if let Some(f) = special(v, name) {
        return call_method_of(vm, &f, v, std::slice::from_ref(other));
    }
    if op == CompareOp::Ne {
        // object.__ne__: the inverse of __eq__ unless that is NotImplemented.
        if let Some(f) = special(v, "__eq__") {
            let r = call_method_of(vm, &f, v, std::slice::from_ref(other))?;
            return match r {
                Value::NotImplemented => Ok(r),
                r => Ok(Value::bool(!ops::truthy(vm, &r)?)),
            };
        }
    }
    // The builtin comparison of a builtin value (or the builtin value inside an instance).
    let (x, y) = (unwrap_base(v), unwrap_base(other));
    if matches!(x, Value::Object(_)) || matches!(y, Value::Object(_)) || is_dynamic(&x) || is_dynamic(&y) {
        return Ok(Value::NotImplemented);
    }
    if matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return ops::compare(vm, op, &x, &y);
    }
    match ops::compare(vm, op, &x, &y) {
        Err(e) if e.matches(TypeId::TypeError) => Ok(Value::NotImplemented),
        other => other,
    }
}

/// `a <op> b` where at least one side is dynamic.
pub fn compare(vm: &mut Vm, op: CompareOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (name, reflected) = compare_names(op);
    let (ta, tb) = (type_of(a), type_of(b));
    let same = Rc::ptr_eq(&ta, &tb);
    let mut reflected_done = false;
    if !same && tb.is_subtype_of(&ta) && special(b, reflected).is_some() {
        let r = try_compare(vm, swapped(op), reflected, b, a)?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
        reflected_done = true;
    }
    let r = try_compare(vm, op, name, a, b)?;
    if !matches!(r, Value::NotImplemented) {
        return Ok(r);
    }
    if !reflected_done {
        let r = try_compare(vm, swapped(op), reflected, b, a)?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    match op {
        CompareOp::Eq => Ok(Value::bool(a.is(b))),
        CompareOp::Ne => Ok(Value::bool(!a.is(b))),
        _ => Err(PyErr::type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            ta.name,
            tb.name
        ))),
    }
}

// ---------------------------------------------------------------------------------------------
// Binary operators.

fn binary_names(op: BinaryOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinaryOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinaryOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinaryOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinaryOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinaryOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinaryOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinaryOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinaryOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinaryOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinaryOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinaryOp::And => ("__and__", "__rand__", "__iand__"),
        BinaryOp::Or => ("__or__", "__ror__", "__ior__"),
        BinaryOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
    }
}

fn unsupported(op: BinaryOp, inplace: bool, a: &Value, b: &Value) -> PyErr {
    let symbol = if op == BinaryOp::Pow && !inplace { "** or pow()" } else { op.symbol() };
    PyErr::type_error(format!(
        "unsupported operand type(s) for {symbol}{}: '{}' and '{}'",
        if inplace { "=" } else { "" },
        type_of(a).name,
        type_of(b).name
    ))
}

/// Where the protocol of a binary operator starts, or goes on after a special method the
/// VM ran as a frame of its own (`first_python_method`) returned `NotImplemented`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinaryStep {
    /// From the beginning.
    Start,
    /// After the in-place method (`__iadd__`) of the left operand.
    AfterInplace,
    /// After the forward method (`__add__`) of the left operand, the reflected one not tried
    /// before it.
    AfterForward,
}

/// `a <op> b` (or `a <op>= b`) where at least one side is dynamic.
pub fn binary_op(vm: &mut Vm, op: BinaryOp, inplace: bool, a: &Value, b: &Value) -> PyResult<Value> {
    binary_op_from(vm, op, inplace, a, b, BinaryStep::Start)
}

/// The first method the protocol of `a <op> b` calls, with the step that call is, when it is
/// a plain Python function the VM can run as a frame of its running loop: the left operand
/// is an instance of a Python class (not of a subclass of a builtin type, whose builtin
/// operation may come first) and the right one is not bytes-like (bytes repetition comes
/// first). `None` leaves the whole operation to `binary_op`.
pub fn first_python_method(op: BinaryOp, inplace: bool, a: &Value, b: &Value) -> Option<(Rc<crate::value::PyFunction>, BinaryStep)> {
    let Value::Object(left) = a else { return None };
    if !matches!(left.base_value, Value::Null) {
        return None;
    }
    let ta = left.class();
    // Whether the right operand's type may be a proper subclass of the left one's, whose
    // reflected method could then come first. A builtin value's type never is: builtin types
    // derive from builtin types only, and `ta` is a class defined in Python.
    let b_may_be_subclass = match b {
        Value::Bytes(_) | Value::ByteArray(_) => return None,
        Value::Object(right) if !matches!(right.base_value, Value::Null) => return None,
        Value::Object(right) => !Rc::ptr_eq(&ta, &right.class()),
        Value::Type(_) | Value::Exception(_) => true,
        _ => false,
    };
    let python_method = |v: Option<Value>| match v {
        Some(Value::Function(f)) if f.code.flags & crate::bytecode::code::flags::GENERATOR == 0 => Some(f),
        _ => None,
    };
    let (name, rname, iname) = binary_names(op);
    if inplace {
        match special_method(&ta, iname) {
            None | Some(Value::None) => {}
            found => return python_method(found).map(|f| (f, BinaryStep::AfterInplace)),
        }
    }
    if b_may_be_subclass {
        let tb = type_of(b);
        if !Rc::ptr_eq(&ta, &tb) && tb.is_subtype_of(&ta) && reflected_goes_first(&ta, &tb, special(b, rname).as_ref(), rname) {
            return None;
        }
    }
    python_method(special_method(&ta, name)).map(|f| (f, BinaryStep::AfterForward))
}

/// True when the right operand's reflected method `fb` (named `rname`) is tried before the
/// left operand's forward method: its type is a proper subclass of the left operand's type
/// that overrides the reflected method (as CPython decides it).
fn reflected_goes_first(ta: &Rc<PyType>, tb: &Rc<PyType>, fb: Option<&Value>, rname: &'static str) -> bool {
    let Some(fb) = fb else { return false };
    !Rc::ptr_eq(ta, tb) && tb.is_subtype_of(ta) && !special_method(ta, rname).is_some_and(|fa| fa.is(fb))
}

/// The protocol of `a <op> b` from step `from` on.
pub fn binary_op_from(vm: &mut Vm, op: BinaryOp, inplace: bool, a: &Value, b: &Value, from: BinaryStep) -> PyResult<Value> {
    let (name, rname, iname) = binary_names(op);
    if inplace && from == BinaryStep::Start {
        if let Some(f) = special(a, iname) {
            let r = call_method_of(vm, &f, a, std::slice::from_ref(b))?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
    }
    let (ta, tb) = (type_of(a), type_of(b));
    let same = Rc::ptr_eq(&ta, &tb);
    let fa = special(a, name);
    let fb = if same { None } else { special(b, rname) };
    let b_first = !same && reflected_goes_first(&ta, &tb, fb.as_ref(), rname);
    if from == BinaryStep::AfterForward {
        // The forward method was called (so it exists) and the reflected one was not first.
        return match fb {
            Some(f) if !b_first => match call_method_of(vm, &f, b, std::slice::from_ref(a))? {
                Value::NotImplemented => Err(final_error(op, inplace, a, b)),
                r => Ok(r),
            },
            _ => Err(final_error(op, inplace, a, b)),
        };
    }
    if b_first {
        if let Some(f) = &fb {
            let r = call_method_of(vm, f, b, std::slice::from_ref(a))?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
    }
    match &fa {
        Some(f) => {
            let r = call_method_of(vm, f, a, std::slice::from_ref(b))?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        None => {
            let (x, y) = (unwrap_base(a), unwrap_base(b));
            if !is_dynamic(&x) && !is_dynamic(&y) {
                match ops::binary_op(vm, op, inplace, &x, &y) {
                    Ok(r) => {
                        // An in-place operation on the builtin value of an instance returns
                        // the instance.
                        if inplace && r.is(&x) && !x.is(a) {
                            return Ok(a.clone());
                        }
                        return Ok(r);
                    }
                    Err(e) if fb.is_some() && !b_first && e.matches(TypeId::TypeError) => {}
                    Err(e) => {
                        if e.matches(TypeId::TypeError) && (x.is(a) || y.is(b)) && fb.is_none() {
                            return Err(e);
                        }
                        if fb.is_none() {
                            return Err(unsupported_or(e, op, inplace, a, b));
                        }
                    }
                }
            }
        }
    }
    if !b_first {
        if let Some(f) = &fb {
            let r = call_method_of(vm, f, b, std::slice::from_ref(a))?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
    }
    Err(final_error(op, inplace, a, b))
}

/// The error when no method handled the operation: sequence repetition and concatenation
/// keep their own messages, like CPython's sequence slots.
fn final_error(op: BinaryOp, inplace: bool, a: &Value, b: &Value) -> PyErr {
    let is_seq = |v: &Value| matches!(unwrap_base(v), Value::Str(_) | Value::List(_) | Value::Tuple(_));
    match op {
        BinaryOp::Mul if is_seq(a) => {
            PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", type_of(b).name))
        }
        BinaryOp::Mul if is_seq(b) => {
            PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", type_of(a).name))
        }
        BinaryOp::Add if is_seq(a) => {
            let name = unwrap_base(a).type_id().name();
            PyErr::type_error(format!("can only concatenate {name} (not \"{}\") to {name}", type_of(b).name))
        }
        _ => unsupported(op, inplace, a, b),
    }
}

/// Keep the builtin's error unless it is the generic "unsupported operand" one, which is
/// reworded with the real class names.
fn unsupported_or(e: PyErr, op: BinaryOp, inplace: bool, a: &Value, b: &Value) -> PyErr {
    let generic = matches!(e.0.args().items.first(), Some(Value::Str(s)) if s.as_str().starts_with("unsupported operand"));
    if generic {
        unsupported(op, inplace, a, b)
    } else {
        e
    }
}

/// `pow(a, b, m)` with a dynamic operand.
pub fn ternary_pow(vm: &mut Vm, a: &Value, b: &Value, m: &Value) -> Option<PyResult<Value>> {
    let f = special(a, "__pow__")?;
    Some(call_method_of(vm, &f, a, &[b.clone(), m.clone()]))
}

// ---------------------------------------------------------------------------------------------
// Unary operators and conversions.

/// `-v`, `+v`, `~v`, `abs(v)` for a dynamic value: `None` when the class does not define it
/// and there is no builtin value to act on.
pub fn unary(vm: &mut Vm, name: &'static str, v: &Value) -> Option<PyResult<Value>> {
    if let Some(f) = special(v, name) {
        return Some(call_method_of(vm, &f, v, &[]));
    }
    let base = match v {
        Value::Object(o) if !matches!(o.base_value, Value::Null) => o.base_value.clone(),
        _ => return None,
    };
    Some(match name {
        "__neg__" => ops::negative(vm, &base),
        "__pos__" => ops::positive(vm, &base),
        "__invert__" => ops::invert(vm, &base),
        _ => match crate::objects::number::absolute(&base) {
            Some(r) => r,
            None => return None,
        },
    })
}

/// `v.__index__()` as an int value, for a dynamic value.
pub fn index(vm: &mut Vm, v: &Value) -> Option<PyResult<Value>> {
    if let Some(f) = special(v, "__index__") {
        return Some(call_method_of(vm, &f, v, &[]).and_then(|r| match unwrap_base(&r) {
            i @ (Value::Int(_) | Value::BigInt(_)) => Ok(i),
            Value::Bool(b) => Ok(Value::Int(b as i64)),
            _ => Err(PyErr::type_error(format!(
                "__index__ returned non-int (type {})",
                type_of(&r).name
            ))),
        }));
    }
    match v {
        Value::Object(o) if matches!(o.base_value, Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) => {
            Some(Ok(o.base_value.clone()))
        }
        _ => None,
    }
}

/// True if `v` is an instance whose class defines `__index__` (or that extends int).
pub fn has_index(v: &Value) -> bool {
    match v {
        Value::Object(o) => {
            special(v, "__index__").is_some() || matches!(o.base_value, Value::Int(_) | Value::BigInt(_) | Value::Bool(_))
        }
        _ => false,
    }
}

/// `operator.index(v)` for an instance where no `Vm` is at hand (the spare interpreter runs
/// `__index__`).
pub fn index_without_vm(v: &Value) -> PyResult<Value> {
    if let Value::Object(o) = v {
        if special(v, "__index__").is_none() && matches!(o.base_value, Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) {
            return crate::objects::int::index_value(&o.base_value);
        }
    }
    match with_spare_vm(|vm| index(vm, v)) {
        Some(r) => r,
        None => Err(crate::objects::int::not_an_integer(v)),
    }
}

/// A numeric conversion special method (`__int__`, `__float__`, `__trunc__`, ...).
pub fn convert(vm: &mut Vm, name: &'static str, v: &Value) -> Option<PyResult<Value>> {
    let f = special(v, name)?;
    Some(call_method_of(vm, &f, v, &[]))
}

/// `round(v, ndigits)` through `__round__`.
pub fn round(vm: &mut Vm, v: &Value, ndigits: Option<&Value>) -> Option<PyResult<Value>> {
    let f = special(v, "__round__")?;
    let args: SmallVec<[Value; 1]> = ndigits.into_iter().cloned().collect();
    Some(call_method_of(vm, &f, v, &args))
}

// ---------------------------------------------------------------------------------------------
// Truth, length, repr, str, format.

/// `bool(v)` for a dynamic value.
pub fn truthy(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if let Some(f) = special(v, "__bool__") {
        let r = call_method_of(vm, &f, v, &[])?;
        return match r {
            Value::Bool(b) => Ok(b.get()),
            other => Err(PyErr::type_error(format!(
                "__bool__ should return bool, returned {}",
                type_of(&other).name
            ))),
        };
    }
    if special(v, "__len__").is_some() {
        return Ok(len(vm, v)? != 0);
    }
    match v {
        Value::Object(o) if !matches!(o.base_value, Value::Null) => ops::truthy(vm, &o.base_value.clone()),
        _ => Ok(true),
    }
}

/// `len(v)` for a dynamic value.
pub fn len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    if let Some(f) = special(v, "__len__") {
        let r = call_method_of(vm, &f, v, &[])?;
        let n = match unwrap_base(&r) {
            Value::Int(i) => i,
            Value::Bool(b) => b as i64,
            Value::BigInt(b) => {
                use num_traits::Signed;
                if b.is_negative() {
                    return Err(PyErr::value_error("__len__() should return >= 0"));
                }
                return Err(PyErr::overflow("cannot fit 'int' into an index-sized integer"));
            }
            _ => {
                return Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_of(&r).name
                )))
            }
        };
        if n < 0 {
            return Err(PyErr::value_error("__len__() should return >= 0"));
        }
        return Ok(n as usize);
    }
    match v {
        Value::Object(o) if !matches!(o.base_value, Value::Null) => ops::len(vm, &o.base_value.clone()),
        _ => Err(PyErr::type_error(format!("object of type '{}' has no len()", type_of(v).name))),
    }
}

/// `repr(v)` for a dynamic value; `None` leaves it to the builtin repr.
pub fn repr(vm: &mut Vm, v: &Value) -> Option<PyResult<String>> {
    if let Some(f) = special(v, "__repr__") {
        return Some(call_method_of(vm, &f, v, &[]).and_then(|r| match unwrap_base(&r) {
            Value::Str(s) => Ok(s.as_str().to_owned()),
            _ => Err(PyErr::type_error(format!(
                "__repr__ returned non-string (type {})",
                type_of(&r).name
            ))),
        }));
    }
    match v {
        Value::Object(o) => {
            if !matches!(o.base_value, Value::Null) {
                return Some(ops::repr(vm, &o.base_value.clone()));
            }
            if o.class.borrow().builtin.is_some() {
                if let Some(r) = crate::objects::descriptors::builtin_object_repr(vm, o) {
                    return Some(r);
                }
            }
            Some(Ok(default_repr(v)))
        }
        Value::Type(t) => Some(Ok(type_repr(t))),
        _ => None,
    }
}

/// `<class 'module.Name'>`.
pub fn type_repr(t: &PyType) -> String {
    let module = match t.dict.get_str("__module__") {
        Some(Value::Str(m)) if t.builtin.is_none() => Some(m.as_str().to_owned()),
        _ => t.module.as_deref().map(str::to_owned),
    };
    match module {
        Some(m) if m != "builtins" => format!("<class '{}.{}'>", m, t.qualname),
        _ => format!("<class '{}'>", t.qualname),
    }
}

/// `str(v)` for a dynamic value; `None` leaves it to the builtin `str`.
pub fn to_str(vm: &mut Vm, v: &Value) -> Option<PyResult<String>> {
    if let Some(f) = special(v, "__str__") {
        return Some(call_method_of(vm, &f, v, &[]).and_then(|r| match unwrap_base(&r) {
            Value::Str(s) => Ok(s.as_str().to_owned()),
            _ => Err(PyErr::type_error(format!(
                "__str__ returned non-string (type {})",
                type_of(&r).name
            ))),
        }));
    }
    match v {
        Value::Object(o) if !matches!(o.base_value, Value::Null) && special(v, "__repr__").is_none() => {
            Some(ops::to_str(vm, &o.base_value.clone()))
        }
        Value::Object(_) => Some(ops::repr(vm, v)),
        _ => None,
    }
}

/// `format(v, spec)` for a dynamic value.
pub fn format(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    if let Some(f) = special(v, "__format__") {
        let r = call_method_of(vm, &f, v, &[Value::str(spec)])?;
        return match unwrap_base(&r) {
            Value::Str(s) => Ok(s.as_str().to_owned()),
            _ => Err(PyErr::type_error(format!(
                "__format__ must return a str, not {}",
                type_of(&r).name
            ))),
        };
    }
    match v {
        Value::Object(o) if !matches!(o.base_value, Value::Null) => {
            crate::objects::format::format_value(vm, &o.base_value.clone(), spec)
        }
        _ => {
            if !spec.is_empty() {
                return Err(PyErr::type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    type_of(v).name
                )));
            }
            ops::to_str(vm, v)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Subscripts and containment.

/// `v[key]` for a dynamic value (`None`: not subscriptable this way).
pub fn getitem(vm: &mut Vm, v: &Value, key: &Value) -> Option<PyResult<Value>> {
    if let Some(f) = special(v, "__getitem__") {
        return Some(call_method_of(vm, &f, v, std::slice::from_ref(key)));
    }
    match v {
        Value::Object(o) => match &o.base_value {
            Value::Null => None,
            Value::Dict(d) => Some(match d.get(key) {
                Ok(Some(found)) => Ok(found),
                Ok(None) => match special(v, "__missing__") {
                    Some(m) => call_method_of(vm, &m, v, std::slice::from_ref(key)),
                    None => Err(PyErr::key_error(key.clone())),
                },
                Err(e) => Err(e),
            }),
            base => Some(ops::getitem(vm, &base.clone(), key)),
        },
        _ => None,
    }
}

/// `Cls[key]` through `__class_getitem__`.
pub fn class_getitem(vm: &mut Vm, t: &Rc<PyType>, key: &Value) -> Option<PyResult<Value>> {
    let hook = crate::objects::instance::lookup(t, "__class_getitem__")?;
    let cls = Value::Type(t.clone());
    Some(crate::objects::instance::descr_get(vm, &hook, &Value::Null, t).and_then(|f| {
        let _ = &cls;
        vm.call(&f, std::slice::from_ref(key))
    }))
}

/// `v[key] = value` (`Some`) or `del v[key]` (`None`) for a dynamic value.
pub fn setitem(vm: &mut Vm, v: &Value, key: &Value, value: Option<Value>) -> Option<PyResult<()>> {
    let name = if value.is_some() { "__setitem__" } else { "__delitem__" };
    if let Some(f) = special(v, name) {
        let r = match value {
            Some(x) => call_method_of(vm, &f, v, &[key.clone(), x]),
            None => call_method_of(vm, &f, v, std::slice::from_ref(key)),
        };
        return Some(r.map(|_| ()));
    }
    match v {
        Value::Object(o) if !matches!(o.base_value, Value::Null) => {
            let base = o.base_value.clone();
            Some(match value {
                Some(x) => ops::setitem(vm, &base, key, x),
                None => ops::delitem(vm, &base, key),
            })
        }
        _ => None,
    }
}

/// `item in v` for a dynamic container.
pub fn contains(vm: &mut Vm, v: &Value, item: &Value) -> PyResult<bool> {
    if let Some(f) = special(v, "__contains__") {
        let r = call_method_of(vm, &f, v, std::slice::from_ref(item))?;
        return ops::truthy(vm, &r);
    }
    if let Value::Object(o) = v {
        if !matches!(o.base_value, Value::Null) {
            return ops::contains(vm, &o.base_value.clone(), item);
        }
    }
    let it = match get_iter(vm, v) {
        Some(Ok(it)) => it,
        Some(Err(e)) => return Err(e),
        None => {
            return Err(PyErr::type_error(format!(
                "argument of type '{}' is not iterable",
                type_of(v).name
            )))
        }
    };
    while let Some(x) = ops::next(vm, &it)? {
        if x.is(item) || ops::eq(vm, &x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

// ---------------------------------------------------------------------------------------------
// Iteration.

/// State of the iterator `iter()` makes for an object with only `__getitem__`.
struct SequenceIter {
    target: RefCell<Value>,
    index: Cell<i64>,
}

impl NativeState for SequenceIter {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(target) = self.target.try_borrow() {
            visit(&target);
        }
    }
    fn clear(&self) {
        let taken = self.target.try_borrow_mut().map(|mut t| std::mem::replace(&mut *t, Value::None));
        drop(taken);
    }
}

thread_local! {
    static SEQUENCE_ITER_TYPE: Rc<PyType> = PyType::new_native(
        "iterator",
        "builtins",
        &[("__next__", sequence_iter_next), ("__iter__", sequence_iter_iter)],
    );
}

fn sequence_iter_iter(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(args.args.first().cloned().unwrap_or(Value::None))
}

fn sequence_iter_next(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let Some(Value::Object(o)) = args.args.first() else { return Err(PyErr::stop_iteration()) };
    let Some(state) = o.native_ref::<SequenceIter>() else { return Err(PyErr::stop_iteration()) };
    let target = state.target.borrow().clone();
    if matches!(target, Value::None) {
        return Err(PyErr::stop_iteration());
    }
    let i = state.index.get();
    match ops::getitem(vm, &target, &Value::Int(i)) {
        Ok(v) => {
            state.index.set(i + 1);
            Ok(v)
        }
        Err(e) if e.matches(TypeId::IndexError) || e.matches(TypeId::StopIteration) => {
            *state.target.borrow_mut() = Value::None;
            Err(PyErr::stop_iteration())
        }
        Err(e) => Err(e),
    }
}

fn sequence_iter(target: Value) -> Value {
    let cls = SEQUENCE_ITER_TYPE.with(Rc::clone);
    Value::Object(Rc::new(crate::value::PyObject {
        class: RefCell::new(cls),
        attrs: RefCell::new(crate::objects::instance_attrs::InstanceAttrs::NoDict),
        slots: RefCell::new(Vec::new()),
        base_value: Value::Null,
        native: Some(Box::new(SequenceIter { target: RefCell::new(target), index: Cell::new(0) })),
    }))
}

/// True if `v` can be returned by `__iter__` (it has a `__next__`).
fn is_iterator(v: &Value) -> bool {
    match v {
        Value::Iter(_) | Value::Generator(_) => true,
        other if is_dynamic(other) => special(other, "__next__").is_some(),
        _ => false,
    }
}

/// `iter(v)` for a dynamic value (`None`: not iterable).
pub fn get_iter(vm: &mut Vm, v: &Value) -> Option<PyResult<Value>> {
    if let Some(f) = special(v, "__iter__") {
        return Some(call_method_of(vm, &f, v, &[]).and_then(|it| {
            if is_iterator(&it) {
                Ok(it)
            } else {
                Err(PyErr::type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    type_of(&it).name
                )))
            }
        }));
    }
    if let Value::Object(o) = v {
        if !matches!(o.base_value, Value::Null) {
            return Some(ops::get_iter(vm, &o.base_value.clone()));
        }
    }
    if special(v, "__getitem__").is_some() {
        return Some(Ok(sequence_iter(v.clone())));
    }
    None
}

/// `next(it)` for a dynamic iterator: `Ok(None)` at the end (`None`: not an iterator).
pub fn next(vm: &mut Vm, it: &Value) -> Option<PyResult<Option<Value>>> {
    let f = special(it, "__next__")?;
    Some(match call_method_of(vm, &f, it, &[]) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(TypeId::StopIteration) => Ok(None),
        Err(e) => Err(e),
    })
}

/// `reversed(v)` for a dynamic value.
pub fn reversed(vm: &mut Vm, v: &Value) -> Option<PyResult<Value>> {
    if let Some(f) = special(v, "__reversed__") {
        return Some(call_method_of(vm, &f, v, &[]));
    }
    if special(v, "__len__").is_some() && special(v, "__getitem__").is_some() {
        return Some((|| {
            let n = len(vm, v)?;
            let mut items = Vec::new();
            for i in (0..n).rev() {
                items.push(ops::getitem(vm, v, &Value::Int(i as i64))?);
            }
            items.reverse();
            crate::objects::iter::reversed(&Value::tuple(items))
        })());
    }
    match v {
        Value::Object(o) if !matches!(o.base_value, Value::Null) => Some(ops::reversed(vm, &o.base_value.clone())),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Calls.

/// `v(*args)` for an instance whose class defines `__call__`.
pub fn call(vm: &mut Vm, v: &Value, args: &[Value], kwnames: &[Rc<PyStr>]) -> Option<PyResult<Value>> {
    let f = special(v, "__call__")?;
    let mut full: SmallVec<[Value; 8]> = SmallVec::with_capacity(args.len() + 1);
    full.push(v.clone());
    full.extend(args.iter().cloned());
    Some(match &f {
        Value::Function(_) | Value::Native(_) => vm.call_kw(&f, &full, kwnames),
        other => {
            let cls = type_of(v);
            match crate::objects::instance::descr_get(vm, other, v, &cls) {
                Ok(bound) => vm.call_kw(&bound, args, kwnames),
                Err(e) => Err(e),
            }
        }
    })
}

/// True if `v` is callable through `__call__`.
pub fn is_callable(v: &Value) -> bool {
    special(v, "__call__").is_some()
}

// ---------------------------------------------------------------------------------------------
// `dir()`.

/// The sorted attribute names of `v`: its instance dict, its class and the class's bases.
pub fn dir_names(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    let mut names: Vec<String> = Vec::new();
    let add = |d: &crate::objects::dict::PyDict, names: &mut Vec<String>| {
        for k in d.keys() {
            if let Value::Str(s) = k {
                names.push(s.as_str().to_owned());
            }
        }
    };
    match v {
        Value::Type(t) => {
            for ty in t.mro() {
                add(&ty.dict, &mut names);
            }
        }
        Value::Module(m) => add(&m.dict, &mut names),
        other => {
            if let Value::Object(o) = other {
                if let Some(d) = o.dict() {
                    add(&d, &mut names);
                }
                names.extend(o.class().slots.iter().map(|s| s.to_string()));
            }
            for ty in type_of(other).mro() {
                add(&ty.dict, &mut names);
            }
            if matches!(other, Value::Object(o) if o.has_dict()) {
                names.push("__dict__".to_owned());
            }
            names.push("__class__".to_owned());
        }
    }
    let _ = vm;
    names.sort();
    names.dedup();
    Ok(names.into_iter().map(Value::string).collect())
}

// ---------------------------------------------------------------------------------------------
// `__init__` of the mutable builtin types (for subclasses calling `super().__init__(...)`).

/// `list.__init__(self, iterable=())`.
pub fn list_init(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::args::check_no_kwargs("list", &args)?;
    let Some(Value::List(l)) = args.args.first() else {
        return Err(PyErr::type_error("descriptor '__init__' requires a 'list' object"));
    };
    let items = match args.args.get(1..) {
        Some([]) | None => Vec::new(),
        Some([it]) => ops::collect(vm, it)?,
        Some(more) => return Err(PyErr::type_error(format!("list expected at most 1 argument, got {}", more.len()))),
    };
    let old = std::mem::replace(&mut *l.items.borrow_mut(), items);
    drop(old);
    Ok(Value::None)
}

/// `dict.__init__(self, mapping_or_iterable=(), **kwargs)`.
pub fn dict_init(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let Some(Value::Dict(d)) = args.args.first() else {
        return Err(PyErr::type_error("descriptor '__init__' requires a 'dict' object"));
    };
    let pos = args.positional();
    match pos.get(1..) {
        Some([]) | None => {}
        Some([source]) => crate::builtins::constructors::update_dict_from(vm, d, source)?,
        Some(more) => return Err(PyErr::type_error(format!("dict expected at most 1 argument, got {}", more.len()))),
    }
    for (k, v) in args.keywords() {
        d.set(Value::str(k), v.clone())?;
    }
    Ok(Value::None)
}

/// `set.__init__(self, iterable=())`.
pub fn set_init(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    crate::objects::args::check_no_kwargs("set", &args)?;
    let Some(Value::Set(s)) = args.args.first() else {
        return Err(PyErr::type_error("descriptor '__init__' requires a 'set' object"));
    };
    let fresh = match args.args.get(1..) {
        Some([]) | None => crate::objects::set::PySet::new(),
        Some([it]) => crate::objects::set::set_from_iterable(vm, it)?,
        Some(more) => return Err(PyErr::type_error(format!("set expected at most 1 argument, got {}", more.len()))),
    };
    s.replace_with(fresh);
    Ok(Value::None)
}
