//! The `array` module: `array.array(typecode, initializer)`, a sequence whose items are all
//! of one C type (b B h H i I l L q Q f d u). Items are kept as `Value`s checked (and for
//! 'f' rounded to single precision) on the way in, with CPython's overflow messages.

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;

use crate::error::{PyErr, PyResult};
use crate::objects::int::{index_i64, to_bigint};
use crate::objects::list;
use crate::objects::slice;
use crate::objects::types::{type_of, PyType, TypeId};
use crate::ops;
use crate::value::{CallArgs, NativeState, PyList, PyModule, Value};
use crate::vm::Vm;

use super::support::{new_object, object_dict, self_state, state_of};

const TYPECODES: &str = "bBuhHiIlLqQfd";

/// The Rust state of an array.
struct Array {
    typecode: char,
    items: RefCell<Vec<Value>>,
}

impl NativeState for Array {}

thread_local! {
    static ARRAY_TYPE: RefCell<Option<Rc<PyType>>> = const { RefCell::new(None) };
}

fn array_type() -> Rc<PyType> {
    ARRAY_TYPE.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| {
                let t = PyType::new_native("array", "array", METHODS);
                t.dict.set_str("__hash__", Value::None);
                t
            })
            .clone()
    })
}

const METHODS: &[(&str, crate::value::NativeFn)] = &[
    ("__new__", array_new),
    ("__repr__", array_repr),
    ("__len__", array_len),
    ("__iter__", array_iter),
    ("__contains__", array_contains),
    ("__getitem__", array_getitem),
    ("__setitem__", array_setitem),
    ("__delitem__", array_delitem),
    ("__eq__", array_eq),
    ("__ne__", array_ne),
    ("__lt__", array_lt),
    ("__le__", array_le),
    ("__gt__", array_gt),
    ("__ge__", array_ge),
    ("__add__", array_add),
    ("__iadd__", array_iadd),
    ("__mul__", array_mul),
    ("__rmul__", array_mul),
    ("__imul__", array_imul),
    ("__copy__", array_copy),
    ("append", array_append),
    ("extend", array_extend),
    ("fromlist", array_fromlist),
    ("insert", array_insert),
    ("pop", array_pop),
    ("index", array_index),
    ("count", array_count),
    ("remove", array_remove),
    ("reverse", array_reverse),
    ("tolist", array_tolist),
    ("tobytes", array_tobytes),
    ("buffer_info", array_buffer_info),
];

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("array");
    let t = array_type();
    m.add("array", Value::Type(t.clone()));
    m.add("ArrayType", Value::Type(t));
    m.add("typecodes", Value::str(TYPECODES));
    Ok(m)
}

fn itemsize(typecode: char) -> usize {
    match typecode {
        'b' | 'B' => 1,
        'h' | 'H' => 2,
        'u' | 'i' | 'I' | 'f' => 4,
        _ => 8,
    }
}

/// (minimum, maximum, "too big" message, "too small" message) of the integer typecodes
/// checked against their C range after converting to a C long.
fn small_int_range(typecode: char) -> Option<(i64, i64, &'static str)> {
    Some(match typecode {
        'b' => (-128, 127, "signed char"),
        'B' => (0, 255, "unsigned byte integer"),
        'h' => (-32768, 32767, "signed short integer"),
        'H' => (0, 65535, "unsigned short"),
        'i' => (i32::MIN as i64, i32::MAX as i64, "signed integer"),
        _ => return None,
    })
}

/// Check and convert one item for `typecode`.
fn convert(typecode: char, v: &Value) -> PyResult<Value> {
    match typecode {
        'f' | 'd' => {
            let x = match v {
                Value::Float(x) => x.get(),
                Value::Int(i) => *i as f64,
                Value::Bool(b) => f64::from(u8::from(b.get())),
                Value::BigInt(b) => {
                    use num_traits::ToPrimitive;
                    b.to_f64().filter(|x| x.is_finite()).ok_or_else(|| PyErr::overflow("int too large to convert to float"))?
                }
                Value::Object(o) if matches!(o.base_value, Value::Float(_) | Value::Int(_)) => {
                    return convert(typecode, &o.base_value)
                }
                other => {
                    return Err(PyErr::type_error(format!("must be real number, not {}", type_of(other).name)))
                }
            };
            Ok(Value::float(if typecode == 'f' { x as f32 as f64 } else { x }))
        }
        'u' => match v {
            Value::Str(s) if s.char_count() == 1 => Ok(v.clone()),
            _ => Err(PyErr::type_error("array item must be unicode character")),
        },
        _ => {
            let int = match v {
                Value::Float(_) | Value::Str(_) => {
                    return Err(PyErr::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_of(v).name
                    )))
                }
                other => to_bigint(other).ok_or_else(|| {
                    PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", type_of(other).name))
                })?,
            };
            check_int(typecode, int)
        }
    }
}

fn check_int(typecode: char, int: BigInt) -> PyResult<Value> {
    use num_traits::ToPrimitive;
    if let Some((lo, hi, what)) = small_int_range(typecode) {
        let Some(i) = int.to_i64() else {
            return Err(PyErr::overflow("Python int too large to convert to C long"));
        };
        if i > hi {
            return Err(PyErr::overflow(format!("{what} is greater than maximum")));
        }
        if i < lo {
            return Err(PyErr::overflow(format!("{what} is less than minimum")));
        }
        return Ok(Value::Int(i));
    }
    let negative = int.sign() == num_bigint::Sign::Minus;
    match typecode {
        'I' => {
            if negative {
                return Err(PyErr::overflow("can't convert negative value to unsigned int"));
            }
            match int.to_u64() {
                None => Err(PyErr::overflow("Python int too large to convert to C unsigned long")),
                Some(u) if u > u32::MAX as u64 => Err(PyErr::overflow("unsigned int is greater than maximum")),
                Some(_) => Ok(Value::from_bigint(int)),
            }
        }
        'l' => int.to_i64().map(Value::Int).ok_or_else(|| PyErr::overflow("Python int too large to convert to C long")),
        'q' => int.to_i64().map(Value::Int).ok_or_else(|| PyErr::overflow("int too big to convert")),
        'L' => {
            if negative {
                return Err(PyErr::overflow("can't convert negative value to unsigned int"));
            }
            match int.to_u64() {
                Some(_) => Ok(Value::from_bigint(int)),
                None => Err(PyErr::overflow("Python int too large to convert to C unsigned long")),
            }
        }
        _ => {
            if negative {
                return Err(PyErr::overflow("can't convert negative int to unsigned"));
            }
            match int.to_u64() {
                Some(_) => Ok(Value::from_bigint(int)),
                None => Err(PyErr::overflow("int too big to convert")),
            }
        }
    }
}

fn this<'a>(args: &CallArgs<'a>, method: &str) -> PyResult<&'a Array> {
    self_state::<Array>(args, "array.array", method)
}

fn rest<'a>(args: &CallArgs<'a>, method: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    crate::objects::args::check_no_kwargs(("array", method), args)?;
    let rest = args.args.get(1..).unwrap_or(&[]);
    if rest.len() < min || rest.len() > max {
        let msg = if min == max && min == 1 {
            format!("array.{method}() takes exactly one argument ({} given)", rest.len())
        } else if max == 0 {
            format!("array.{method}() takes no arguments ({} given)", rest.len())
        } else if rest.len() > max {
            format!("{method} expected at most {max} argument{}, got {}", if max == 1 { "" } else { "s" }, rest.len())
        } else {
            format!("{method} expected at least {min} argument{}, got {}", if min == 1 { "" } else { "s" }, rest.len())
        };
        return Err(PyErr::type_error(msg));
    }
    Ok(rest)
}

/// A new array of `class` with `typecode` holding already converted `items`.
fn make(class: &Rc<PyType>, typecode: char, items: Vec<Value>) -> Value {
    let value = new_object(class, Array { typecode, items: RefCell::new(items) }, true);
    if let Some(d) = object_dict(&value) {
        d.set_str("typecode", Value::string(typecode.to_string()));
        d.set_str("itemsize", Value::Int(itemsize(typecode) as i64));
    }
    value
}

fn convert_all(typecode: char, values: &[Value]) -> PyResult<Vec<Value>> {
    let mut out = Vec::new();
    out.try_reserve(values.len()).map_err(|_| PyErr::memory_error())?;
    for v in values {
        out.push(convert(typecode, v)?);
    }
    Ok(out)
}

fn array_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let class = match args.args.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => array_type(),
    };
    if !args.kwnames.is_empty() {
        return Err(PyErr::type_error("array.array() takes no keyword arguments"));
    }
    let pos = args.args.get(1..).unwrap_or(&[]);
    let typecode = match pos.first() {
        Some(Value::Str(s)) if s.char_count() == 1 => s.as_str().chars().next().unwrap_or(' '),
        Some(Value::Str(_)) => {
            return Err(PyErr::type_error("array() argument 1 must be a unicode character, not str"))
        }
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                type_of(other).name
            )))
        }
        None => return Err(PyErr::type_error("array() takes at least 1 argument (0 given)")),
    };
    if pos.len() > 2 {
        return Err(PyErr::type_error(format!("array() takes at most 2 arguments ({} given)", pos.len())));
    }
    if !TYPECODES.contains(typecode) {
        return Err(PyErr::value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)"));
    }
    let items = match pos.get(1) {
        None => Vec::new(),
        Some(Value::Str(s)) => {
            if typecode != 'u' {
                return Err(PyErr::type_error(format!(
                    "cannot use a str to initialize an array with typecode '{typecode}'"
                )));
            }
            s.as_str().chars().map(|c| Value::string(c.to_string())).collect()
        }
        Some(Value::Bytes(b)) => from_bytes(typecode, &b.data)?,
        Some(Value::ByteArray(b)) => {
            let data = b.data.borrow().clone();
            from_bytes(typecode, &data)?
        }
        Some(init) => {
            if let Some(other) = state_of::<Array>(init) {
                if other.typecode == 'u' && typecode != 'u' {
                    return Err(PyErr::type_error(format!(
                        "cannot use a unicode array to initialize an array with typecode '{typecode}'"
                    )));
                }
                let values = other.items.borrow().clone();
                convert_all(typecode, &values)?
            } else {
                let values = ops::collect(vm, init)?;
                convert_all(typecode, &values)?
            }
        }
    };
    Ok(make(&class, typecode, items))
}

/// Items from machine bytes (little-endian, like the machines CPython runs on here).
fn from_bytes(typecode: char, data: &[u8]) -> PyResult<Vec<Value>> {
    let size = itemsize(typecode);
    if data.len() % size != 0 {
        return Err(PyErr::value_error("bytes length not a multiple of item size"));
    }
    let mut out = Vec::with_capacity(data.len() / size);
    for chunk in data.chunks_exact(size) {
        let mut buf = [0u8; 8];
        buf[..size].copy_from_slice(chunk);
        let raw = u64::from_le_bytes(buf);
        let v = match typecode {
            'b' => Value::Int(chunk[0] as i8 as i64),
            'h' => Value::Int(raw as u16 as i16 as i64),
            'i' => Value::Int(raw as u32 as i32 as i64),
            'l' | 'q' => Value::Int(raw as i64),
            'B' | 'H' | 'I' => Value::Int(raw as i64),
            'L' | 'Q' => Value::from_bigint(BigInt::from(raw)),
            'f' => Value::float(f32::from_bits(raw as u32) as f64),
            'd' => Value::float(f64::from_bits(raw)),
            _ => Value::string(char::from_u32(raw as u32).unwrap_or('\u{fffd}').to_string()),
        };
        out.push(v);
    }
    Ok(out)
}

fn to_bytes(typecode: char, items: &[Value]) -> Vec<u8> {
    let size = itemsize(typecode);
    let mut out = Vec::with_capacity(items.len() * size);
    for v in items {
        let raw: u64 = match v {
            Value::Int(i) => *i as u64,
            Value::BigInt(b) => {
                use num_traits::ToPrimitive;
                b.to_u64().unwrap_or(0)
            }
            Value::Float(x) => {
                if typecode == 'f' {
                    (x.get() as f32).to_bits() as u64
                } else {
                    x.get().to_bits()
                }
            }
            Value::Str(s) => s.as_str().chars().next().map_or(0, |c| c as u64),
            _ => 0,
        };
        out.extend_from_slice(&raw.to_le_bytes()[..size]);
    }
    out
}

fn array_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "__repr__")?;
    let name = type_of(&args.args[0]).name.to_string();
    let items = a.items.borrow().clone();
    if items.is_empty() {
        return Ok(Value::string(format!("{name}('{}')", a.typecode)));
    }
    if a.typecode == 'u' {
        let text: String = items.iter().filter_map(|v| if let Value::Str(s) = v { Some(s.as_str()) } else { None }).collect();
        return Ok(Value::string(format!("{name}('u', {})", crate::objects::str::repr_str(&text))));
    }
    let list = ops::repr(vm, &Value::list(items))?;
    Ok(Value::string(format!("{name}('{}', {list})", a.typecode)))
}

fn array_len(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(Value::Int(this(&args, "__len__")?.items.borrow().len() as i64))
}

fn array_iter(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let items = this(&args, "__iter__")?.items.borrow().clone();
    ops::get_iter(vm, &Value::list(items))
}

fn array_contains(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "__contains__")?;
    let needle = rest(&args, "__contains__", 1, 1)?[0].clone();
    let items = a.items.borrow().clone();
    for item in &items {
        if ops::eq(vm, item, &needle)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

fn array_getitem(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "__getitem__")?;
    let key = &rest(&args, "__getitem__", 1, 1)?[0];
    let items = a.items.borrow();
    match key {
        Value::Slice(s) => {
            let r = slice::resolve(s, items.len())?;
            let picked = list::slice_items(&items, &r)?;
            Ok(make(&type_of(&args.args[0]), a.typecode, picked))
        }
        _ => {
            let pos = slice::item_position(&index_key(key)?, items.len(), "array", "array")?;
            Ok(items[pos].clone())
        }
    }
}

/// An index key as an int (objects with `__index__` are not supported yet: TypeError).
fn index_key(key: &Value) -> PyResult<Value> {
    match key {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(key.clone()),
        other => Err(PyErr::type_error(format!("array indices must be integers, not {}", type_of(other).name))),
    }
}

fn array_setitem(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "__setitem__")?;
    let r = rest(&args, "__setitem__", 2, 2)?;
    match &r[0] {
        Value::Slice(s) => {
            let Some(other) = state_of::<Array>(&r[1]) else {
                return Err(PyErr::type_error(format!(
                    "can only assign array (not \"{}\") to array slice",
                    type_of(&r[1]).name
                )));
            };
            if other.typecode != a.typecode {
                return Err(PyErr::type_error("bad argument type for built-in operation"));
            }
            let new_items = Value::list(other.items.borrow().clone());
            let temp = Rc::new(PyList { items: RefCell::new(a.items.borrow().clone()) });
            list::setitem_slice(vm, &temp, s, &new_items)
                .map_err(|e| if e.matches(TypeId::ValueError) { PyErr::value_error(error_text(&e).replace("sequence", "array")) } else { e })?;
            let updated = temp.items.borrow().clone();
            *a.items.borrow_mut() = updated;
        }
        key => {
            let v = convert(a.typecode, &r[1])?;
            let len = a.items.borrow().len();
            let pos = slice::item_position(&index_key(key)?, len, "array", "array assignment")?;
            let old = a.items.borrow_mut().get_mut(pos).map(|slot| std::mem::replace(slot, v));
            drop(old);
        }
    }
    Ok(Value::None)
}

fn error_text(e: &PyErr) -> String {
    match e.0.args().items.first() {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => String::new(),
    }
}

fn array_delitem(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "__delitem__")?;
    let key = &rest(&args, "__delitem__", 1, 1)?[0];
    match key {
        Value::Slice(s) => {
            let temp = PyList { items: RefCell::new(a.items.borrow().clone()) };
            list::delitem_slice(&temp, s)?;
            *a.items.borrow_mut() = temp.items.into_inner();
        }
        key => {
            let len = a.items.borrow().len();
            let pos = slice::item_position(&index_key(key)?, len, "array", "array assignment")?;
            let old = a.items.borrow_mut().remove(pos);
            drop(old);
        }
    }
    Ok(Value::None)
}

fn compare(vm: &mut Vm, args: &CallArgs<'_>, op: crate::bytecode::opcodes::CompareOp) -> PyResult<Value> {
    let a = this(args, "__eq__")?;
    let other = &rest(args, "__eq__", 1, 1)?[0];
    let Some(b) = state_of::<Array>(other) else {
        return Ok(Value::NotImplemented);
    };
    let left = Value::list(a.items.borrow().clone());
    let right = Value::list(b.items.borrow().clone());
    ops::compare(vm, op, &left, &right)
}

fn array_eq(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Eq)
}
fn array_ne(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Ne)
}
fn array_lt(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Lt)
}
fn array_le(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Le)
}
fn array_gt(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Gt)
}
fn array_ge(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    compare(vm, &args, crate::bytecode::opcodes::CompareOp::Ge)
}

/// The items of `other` when it is an array of the same typecode as `a`.
fn same_kind_items(a: &Array, other: &Value) -> PyResult<Vec<Value>> {
    match state_of::<Array>(other) {
        Some(b) if b.typecode == a.typecode => Ok(b.items.borrow().clone()),
        _ => Err(PyErr::type_error("bad argument type for built-in operation")),
    }
}

fn array_add(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "__add__")?;
    let other = &rest(&args, "__add__", 1, 1)?[0];
    if state_of::<Array>(other).is_none() {
        return Err(PyErr::type_error(format!(
            "can only append array (not \"{}\") to array",
            type_of(other).name
        )));
    }
    let mut items = a.items.borrow().clone();
    items.extend(same_kind_items(a, other)?);
    Ok(make(&type_of(&args.args[0]), a.typecode, items))
}

fn array_iadd(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "__iadd__")?;
    let other = &rest(&args, "__iadd__", 1, 1)?[0];
    if state_of::<Array>(other).is_none() {
        return Err(PyErr::type_error(format!(
            "can only extend array with array (not \"{}\")",
            type_of(other).name
        )));
    }
    let extra = same_kind_items(a, other)?;
    a.items.borrow_mut().extend(extra);
    Ok(args.args[0].clone())
}

fn repeated(a: &Array, count: &Value) -> PyResult<Vec<Value>> {
    let n = index_i64(count).map_err(|_| {
        PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", type_of(count).name))
    })?;
    let items = a.items.borrow();
    let n = n.max(0) as usize;
    let total = items.len().checked_mul(n).ok_or_else(PyErr::memory_error)?;
    let mut out = Vec::new();
    out.try_reserve(total).map_err(|_| PyErr::memory_error())?;
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    Ok(out)
}

fn array_mul(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "__mul__")?;
    let items = repeated(a, &rest(&args, "__mul__", 1, 1)?[0])?;
    Ok(make(&type_of(&args.args[0]), a.typecode, items))
}

fn array_imul(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "__imul__")?;
    let items = repeated(a, &rest(&args, "__imul__", 1, 1)?[0])?;
    *a.items.borrow_mut() = items;
    Ok(args.args[0].clone())
}

fn array_copy(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "__copy__")?;
    let items = a.items.borrow().clone();
    Ok(make(&type_of(&args.args[0]), a.typecode, items))
}

fn array_append(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "append")?;
    let v = convert(a.typecode, &rest(&args, "append", 1, 1)?[0])?;
    let mut items = a.items.borrow_mut();
    items.try_reserve(1).map_err(|_| PyErr::memory_error())?;
    items.push(v);
    Ok(Value::None)
}

fn array_extend(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "extend")?;
    let source = &rest(&args, "extend", 1, 1)?[0];
    let extra = if let Some(b) = state_of::<Array>(source) {
        if b.typecode != a.typecode {
            return Err(PyErr::type_error("can only extend with array of same kind"));
        }
        b.items.borrow().clone()
    } else {
        let values = ops::collect(vm, source)?;
        convert_all(a.typecode, &values)?
    };
    a.items.borrow_mut().extend(extra);
    Ok(Value::None)
}

fn array_fromlist(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "fromlist")?;
    let source = &rest(&args, "fromlist", 1, 1)?[0];
    let Value::List(l) = source else {
        return Err(PyErr::type_error("arg must be list"));
    };
    let values = l.items.borrow().clone();
    let extra = convert_all(a.typecode, &values)?;
    a.items.borrow_mut().extend(extra);
    Ok(Value::None)
}

fn array_insert(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "insert")?;
    let r = rest(&args, "insert", 2, 2)?;
    let i = index_i64(&r[0])?;
    let v = convert(a.typecode, &r[1])?;
    let mut items = a.items.borrow_mut();
    let len = items.len() as i64;
    let pos = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    items.insert(pos, v);
    Ok(Value::None)
}

fn array_pop(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "pop")?;
    let r = rest(&args, "pop", 0, 1)?;
    let i = match r.first() {
        Some(v) => index_i64(v)?,
        None => -1,
    };
    let mut items = a.items.borrow_mut();
    if items.is_empty() {
        return Err(PyErr::index_error("pop from empty array"));
    }
    let len = items.len() as i64;
    let pos = if i < 0 { i + len } else { i };
    if pos < 0 || pos >= len {
        return Err(PyErr::index_error("pop index out of range"));
    }
    Ok(items.remove(pos as usize))
}

fn find(vm: &mut Vm, a: &Array, needle: &Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let items = a.items.borrow().clone();
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if ops::eq(vm, item, needle)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn array_index(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "index")?;
    let r = rest(&args, "index", 1, 3)?;
    let len = a.items.borrow().len();
    let clamp = |v: Option<&Value>, default: usize| -> PyResult<usize> {
        match v {
            None => Ok(default),
            Some(v) => {
                let i = index_i64(v)?;
                let i = if i < 0 { (i + len as i64).max(0) } else { i };
                Ok((i as usize).min(len))
            }
        }
    };
    let start = clamp(r.get(1), 0)?;
    let stop = clamp(r.get(2), len)?;
    match find(vm, a, &r[0], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(PyErr::value_error("array.index(x): x not in array")),
    }
}

fn array_count(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "count")?;
    let needle = rest(&args, "count", 1, 1)?[0].clone();
    let items = a.items.borrow().clone();
    let mut n = 0;
    for item in &items {
        if ops::eq(vm, item, &needle)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn array_remove(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "remove")?;
    let needle = rest(&args, "remove", 1, 1)?[0].clone();
    let len = a.items.borrow().len();
    match find(vm, a, &needle, 0, len)? {
        Some(i) => {
            let old = a.items.borrow_mut().remove(i);
            drop(old);
            Ok(Value::None)
        }
        None => Err(PyErr::value_error("array.remove(x): x not in array")),
    }
}

fn array_reverse(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "reverse")?;
    rest(&args, "reverse", 0, 0)?;
    a.items.borrow_mut().reverse();
    Ok(Value::None)
}

fn array_tolist(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "tolist")?;
    rest(&args, "tolist", 0, 0)?;
    Ok(Value::list(a.items.borrow().clone()))
}

fn array_tobytes(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "tobytes")?;
    rest(&args, "tobytes", 0, 0)?;
    let data = to_bytes(a.typecode, &a.items.borrow());
    Ok(Value::Bytes(Rc::new(crate::value::PyBytes { data: data.into_boxed_slice() })))
}

fn array_buffer_info(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let a = this(&args, "buffer_info")?;
    let len = a.items.borrow().len();
    Ok(Value::tuple(vec![Value::Int(0), Value::Int(len as i64)]))
}
