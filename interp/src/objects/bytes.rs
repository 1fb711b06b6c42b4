//! `bytes` and `bytearray`: repr, hashing, construction, the sequence operations (`+`, `*`,
//! comparisons, `in`, indexing, slicing, item assignment for bytearray), their methods, and
//! the codecs shared with `str.encode` / `bytes.decode` (utf-8, ascii, latin-1 with the
//! `strict`, `ignore` and `replace` error handlers).

use std::cell::Ref;
use std::ops::Deref;
use std::rc::Rc;

use crate::bytecode::opcodes::{BinaryOp, CompareOp};
use crate::error::{PyErr, PyResult};
use crate::objects::args;
use crate::objects::slice;
use crate::objects::types::{MethodTable, TypeId};
use crate::ops;
use crate::value::{BoolWord, CallArgs, PyByteArray, PyBytes, PySlice, Value};
use crate::vm::Vm;

/// Read access to the bytes of a `bytes` or `bytearray` (no copy).
pub enum ByteView<'a> {
    Fixed(&'a [u8]),
    Shared(Ref<'a, Vec<u8>>),
}

impl Deref for ByteView<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            ByteView::Fixed(s) => s,
            ByteView::Shared(r) => r,
        }
    }
}

/// The bytes of a bytes-like value; `None` for anything else.
pub fn view(v: &Value) -> Option<ByteView<'_>> {
    match v {
        Value::Bytes(b) => Some(ByteView::Fixed(&b.data)),
        Value::ByteArray(b) => Some(ByteView::Shared(b.data.borrow())),
        _ => None,
    }
}

pub fn is_bytes_like(v: &Value) -> bool {
    matches!(v, Value::Bytes(_) | Value::ByteArray(_))
}

pub fn new_bytes(data: Vec<u8>) -> Value {
    Value::Bytes(Rc::new(PyBytes { data: data.into_boxed_slice() }))
}

pub fn new_bytearray(data: Vec<u8>) -> Value {
    Value::ByteArray(Rc::new(PyByteArray { data: std::cell::RefCell::new(data) }))
}

/// A new value of the same kind as `template` (bytearray methods return bytearrays).
fn like(template: &Value, data: Vec<u8>) -> Value {
    match template {
        Value::ByteArray(_) => new_bytearray(data),
        _ => new_bytes(data),
    }
}

fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::ByteArray(_) => "bytearray",
        _ => "bytes",
    }
}

/// TypeError "a bytes-like object is required, not 'str'".
fn bytes_like_required(v: &Value) -> PyErr {
    PyErr::type_error(format!("a bytes-like object is required, not '{}'", ops::type_name(v)))
}

/// A bytes-like argument copied out (so no borrow is held).
fn bytes_arg(v: &Value) -> PyResult<Vec<u8>> {
    view(v).map(|d| d.to_vec()).ok_or_else(|| bytes_like_required(v))
}

fn alloc(len: usize) -> PyResult<Vec<u8>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| PyErr::memory_error())?;
    Ok(v)
}

// ---- repr and hash ------------------------------------------------------------------------

/// `b'...'` as CPython writes it: single quotes unless the data holds `'` and no `"`.
pub fn write_repr(out: &mut String, data: &[u8]) {
    write_repr_quoted(out, data, false);
}

/// `write_repr`; bytearray's repr escapes `'` even inside double quotes (as CPython's does).
fn write_repr_quoted(out: &mut String, data: &[u8], always_escape_single: bool) {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') { '"' } else { '\'' };
    out.push('b');
    out.push(quote);
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if b as char == quote || (always_escape_single && b == b'\'') => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\x");
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    out.push(quote);
}

/// `repr()` of a bytes or bytearray value.
pub fn repr(v: &Value) -> String {
    let mut out = String::new();
    if let Some(data) = view(v) {
        if matches!(v, Value::ByteArray(_)) {
            out.push_str("bytearray(");
            write_repr_quoted(&mut out, &data, true);
            out.push(')');
        } else {
            write_repr(&mut out, &data);
        }
    }
    out
}

/// `hash(bytes)`: the same SipHash as an ASCII str with the same characters (as in CPython).
pub fn hash(data: &[u8]) -> i64 {
    crate::objects::str::hash_byte_data(data)
}

// ---- construction -------------------------------------------------------------------------

/// `bytes(...)` / `bytearray(...)`: the data for the constructor arguments.
fn constructor_data(vm: &mut Vm, call: &CallArgs<'_>, name: &str) -> PyResult<Vec<u8>> {
    let slots: [Option<&Value>; 3] = crate::builtins::args::parse(
        call,
        &crate::builtins::args::Signature {
            name,
            params: &["source", "encoding", "errors"],
            positional: 3,
            required: 0,
            positional_only: 0,
        },
    )?;
    let [source, encoding, errors] = slots;
    let Some(source) = source else {
        if encoding.is_some() || errors.is_some() {
            return Err(PyErr::type_error(if encoding.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            }));
        }
        return Ok(Vec::new());
    };
    if let Value::Str(s) = source {
        let Some(encoding) = encoding else {
            return Err(PyErr::type_error("string argument without an encoding"));
        };
        let encoding = text_arg(encoding, name, "encoding")?;
        let errors = match errors {
            Some(e) => text_arg(e, name, "errors")?,
            None => "strict".to_owned(),
        };
        return encode(s.as_str(), &encoding, &errors);
    }
    if encoding.is_some() {
        return Err(PyErr::type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(PyErr::type_error("errors without a string argument"));
    }
    if let Some(data) = view(source) {
        return Ok(data.to_vec());
    }
    match source {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let n = crate::objects::int::index_i64(source)
                .map_err(|_| PyErr::overflow("cannot fit 'int' into an index-sized integer"))?;
            if n < 0 {
                return Err(PyErr::value_error("negative count"));
            }
            let n = usize::try_from(n).map_err(|_| PyErr::memory_error())?;
            let mut data = alloc(n)?;
            data.resize(n, 0);
            Ok(data)
        }
        _ => {
            let iterator = match ops::get_iter(vm, source) {
                Ok(it) => it,
                Err(e) if e.matches(TypeId::TypeError) => {
                    return Err(PyErr::type_error(format!(
                        "cannot convert '{}' object to {name}",
                        ops::type_name(source)
                    )))
                }
                Err(e) => return Err(e),
            };
            let mut data = Vec::new();
            while let Some(item) = ops::next(vm, &iterator)? {
                data.push(byte_value(&item, "bytes must be in range(0, 256)")?);
            }
            Ok(data)
        }
    }
}

fn text_arg(v: &Value, function: &str, param: &str) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        other => Err(PyErr::type_error(format!(
            "{function}() argument '{param}' must be str, not {}",
            ops::type_name(other)
        ))),
    }
}

/// An int item that must be a byte value.
fn byte_value(v: &Value, range_message: &str) -> PyResult<u8> {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => match slice::int_of(v) {
            Some(i) if (0..=255).contains(&i) && !matches!(v, Value::BigInt(_)) => Ok(i as u8),
            _ => Err(PyErr::value_error(range_message.to_owned())),
        },
        other => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            ops::type_name(other)
        ))),
    }
}

pub fn bytes_new(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    // bytes(b) of an exact bytes object is that object.
    if call.kwnames.is_empty() && call.args.len() == 1 {
        if let Value::Bytes(_) = &call.args[0] {
            return Ok(call.args[0].clone());
        }
    }
    Ok(new_bytes(constructor_data(vm, &call, "bytes")?))
}

pub fn bytearray_new(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    Ok(new_bytearray(constructor_data(vm, &call, "bytearray")?))
}

// ---- operators ----------------------------------------------------------------------------

/// `a <op> b` when a bytes-like operand makes it bytes arithmetic (`+`, `*`); `None` to let
/// the generic code report the error.
pub fn binary_op(op: BinaryOp, inplace: bool, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    match op {
        BinaryOp::Add if is_bytes_like(a) => Some(concat(inplace, a, b)),
        BinaryOp::Mul if is_bytes_like(a) => Some(match b {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => repeat(inplace, a, b),
            _ => Err(PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", ops::type_name(b)))),
        }),
        BinaryOp::Mul if is_bytes_like(b) => Some(match a {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => repeat(false, b, a),
            _ => Err(PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", ops::type_name(a)))),
        }),
        _ => None,
    }
}

fn concat(inplace: bool, a: &Value, b: &Value) -> PyResult<Value> {
    let Some(right) = view(b).map(|d| d.to_vec()) else {
        return Err(PyErr::type_error(format!("can't concat {} to {}", ops::type_name(b), kind_name(a))));
    };
    if let (true, Value::ByteArray(x)) = (inplace, a) {
        let mut data = x.data.borrow_mut();
        data.try_reserve(right.len()).map_err(|_| PyErr::memory_error())?;
        data.extend_from_slice(&right);
        return Ok(a.clone());
    }
    let left = view(a).map(|d| d.to_vec()).unwrap_or_default();
    let mut data = alloc(left.len() + right.len())?;
    data.extend_from_slice(&left);
    data.extend_from_slice(&right);
    Ok(like(a, data))
}

fn repeat(inplace: bool, seq: &Value, count: &Value) -> PyResult<Value> {
    let n = match count {
        Value::BigInt(b) if b.sign() == num_bigint::Sign::Minus => 0,
        Value::BigInt(_) => return Err(PyErr::overflow("cannot fit 'int' into an index-sized integer")),
        _ => slice::int_of(count).unwrap_or(0).max(0),
    } as usize;
    let data = view(seq).map(|d| d.to_vec()).unwrap_or_default();
    let total = data.len().checked_mul(n).ok_or_else(PyErr::memory_error)?;
    let mut out = alloc(total)?;
    for _ in 0..n {
        out.extend_from_slice(&data);
    }
    if let (true, Value::ByteArray(x)) = (inplace, seq) {
        *x.data.borrow_mut() = out;
        return Ok(seq.clone());
    }
    if let (Value::Bytes(_), 1) = (seq, n) {
        return Ok(seq.clone());
    }
    Ok(like(seq, out))
}

/// Comparison of two bytes-like values; `None` when either is not bytes-like.
pub fn compare(op: CompareOp, a: &Value, b: &Value) -> Option<bool> {
    let x = view(a)?;
    let y = view(b)?;
    let ord = (*x).cmp(&*y);
    Some(match op {
        CompareOp::Eq => ord.is_eq(),
        CompareOp::Ne => ord.is_ne(),
        CompareOp::Lt => ord.is_lt(),
        CompareOp::Le => ord.is_le(),
        CompareOp::Gt => ord.is_gt(),
        CompareOp::Ge => ord.is_ge(),
    })
}

/// `item in data`: an int byte value or a bytes-like subsequence.
pub fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    let data = view(container).ok_or_else(|| bytes_like_required(container))?;
    match item {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let b = byte_value(item, "byte must be in range(0, 256)")?;
            Ok(data.contains(&b))
        }
        _ => match view(item) {
            Some(needle) => Ok(find_sub(&data, &needle, 0, data.len()).is_some()),
            None => Err(bytes_like_required(item)),
        },
    }
}

/// `data[key]`.
pub fn getitem(v: &Value, key: &Value) -> PyResult<Value> {
    let data = view(v).ok_or_else(|| bytes_like_required(v))?;
    match key {
        Value::Slice(s) => {
            let r = slice::resolve(s, data.len())?;
            if let (Value::Bytes(_), true) = (v, r.step == 1 && r.len == data.len()) {
                return Ok(v.clone());
            }
            let mut out = alloc(r.len)?;
            out.extend(r.positions().filter_map(|p| data.get(p).copied()));
            drop(data);
            Ok(like(v, out))
        }
        _ => {
            let what = if matches!(v, Value::ByteArray(_)) { "bytearray" } else { "" };
            let type_name = if what.is_empty() { "byte" } else { "bytearray" };
            let pos = match slice::item_position(key, data.len(), type_name, what) {
                Err(e) if e.matches(TypeId::IndexError) && what.is_empty() => {
                    return Err(PyErr::index_error("index out of range"))
                }
                other => other?,
            };
            Ok(Value::Int(data.get(pos).copied().unwrap_or(0) as i64))
        }
    }
}

/// `bytearray[key] = value`.
pub fn setitem(vm: &mut Vm, target: &Rc<PyByteArray>, key: &Value, value: &Value) -> PyResult<()> {
    match key {
        Value::Slice(s) => {
            let new = match view(value) {
                Some(d) => d.to_vec(),
                None => match value {
                    Value::Int(_) | Value::Bool(_) => {
                        return Err(PyErr::type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"))
                    }
                    _ => {
                        let items = ops::collect(vm, value).map_err(|_| {
                            PyErr::type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
                        })?;
                        items.iter().map(|i| byte_value(i, "byte must be in range(0, 256)")).collect::<PyResult<Vec<u8>>>()?
                    }
                },
            };
            assign_slice(target, s, new)
        }
        _ => {
            let byte = byte_value(value, "byte must be in range(0, 256)")?;
            let mut data = target.data.borrow_mut();
            let pos = slice::item_position(key, data.len(), "bytearray", "bytearray")?;
            if let Some(slot) = data.get_mut(pos) {
                *slot = byte;
            }
            Ok(())
        }
    }
}

fn assign_slice(target: &PyByteArray, s: &PySlice, new: Vec<u8>) -> PyResult<()> {
    let mut data = target.data.borrow_mut();
    let r = slice::resolve(s, data.len())?;
    if r.step == 1 {
        let start = (r.start.max(0) as usize).min(data.len());
        let stop = (start + r.len).min(data.len());
        data.try_reserve(new.len()).map_err(|_| PyErr::memory_error())?;
        data.splice(start..stop, new);
        return Ok(());
    }
    if new.len() != r.len {
        return Err(PyErr::value_error(format!(
            "attempt to assign bytes of size {} to extended slice of size {}",
            new.len(),
            r.len
        )));
    }
    for (pos, b) in r.positions().zip(new) {
        if let Some(slot) = data.get_mut(pos) {
            *slot = b;
        }
    }
    Ok(())
}

/// `del bytearray[key]`.
pub fn delitem(target: &Rc<PyByteArray>, key: &Value) -> PyResult<()> {
    let mut data = target.data.borrow_mut();
    match key {
        Value::Slice(s) => {
            let r = slice::resolve(s, data.len())?;
            let doomed: Vec<usize> = r.positions().collect();
            let mut index = 0;
            data.retain(|_| {
                let keep = !doomed.contains(&index);
                index += 1;
                keep
            });
            Ok(())
        }
        _ => {
            let pos = slice::item_position(key, data.len(), "bytearray", "bytearray")?;
            data.remove(pos);
            Ok(())
        }
    }
}

// ---- codecs -------------------------------------------------------------------------------

/// The codec an encoding name selects (normalized like CPython: case, `-`/`_`, aliases).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    fn lookup(name: &str) -> PyResult<Codec> {
        let normalized: String = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        match normalized.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => Ok(Codec::Utf8),
            "ascii" | "us_ascii" | "646" => Ok(Codec::Ascii),
            "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" | "iso_ir_100" => {
                Ok(Codec::Latin1)
            }
            _ => Err(PyErr::new(TypeId::LookupError, format!("unknown encoding: {name}"))),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ErrorMode {
    Strict,
    Ignore,
    Replace,
}

fn error_mode(errors: &str) -> PyResult<ErrorMode> {
    match errors {
        "strict" => Ok(ErrorMode::Strict),
        "ignore" => Ok(ErrorMode::Ignore),
        "replace" => Ok(ErrorMode::Replace),
        other => Err(PyErr::new(TypeId::LookupError, format!("unknown error handler name '{other}'"))),
    }
}

fn unicode_error(kind: TypeId, message: String) -> PyErr {
    PyErr::new(kind, message)
}

/// Encode text with a codec and error handler.
pub fn encode(text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = Codec::lookup(encoding)?;
    if codec == Codec::Utf8 {
        // Rust strings hold no lone surrogates, so UTF-8 encoding cannot fail.
        return Ok(text.as_bytes().to_vec());
    }
    let mode = error_mode(errors)?;
    let limit: u32 = if codec == Codec::Ascii { 0x80 } else { 0x100 };
    let mut out = alloc(text.len())?;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        let end = chars[i..].iter().position(|&c| (c as u32) < limit).map_or(chars.len(), |n| i + n);
        match mode {
            ErrorMode::Strict => {
                let position = if end - i == 1 {
                    format!("character '{}' in position {i}", escape_char(c))
                } else {
                    format!("characters in position {i}-{}", end - 1)
                };
                return Err(unicode_error(
                    encode_error_type(),
                    format!("'{}' codec can't encode {position}: ordinal not in range({limit})", codec.name()),
                ));
            }
            ErrorMode::Ignore => {}
            ErrorMode::Replace => out.extend(std::iter::repeat_n(b'?', end - i)),
        }
        i = end;
    }
    Ok(out)
}

/// `\xe9`, `\u20ac` or `\U0001f600` as in codec error messages.
fn escape_char(c: char) -> String {
    let n = c as u32;
    if n < 0x100 {
        format!("\\x{n:02x}")
    } else if n < 0x10000 {
        format!("\\u{n:04x}")
    } else {
        format!("\\U{n:08x}")
    }
}

fn encode_error_type() -> TypeId {
    TypeId::UnicodeEncodeError
}

fn decode_error_type() -> TypeId {
    TypeId::UnicodeDecodeError
}

/// Decode bytes with a codec and error handler.
pub fn decode(data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = Codec::lookup(encoding)?;
    let mode = error_mode(errors)?;
    match codec {
        Codec::Latin1 => Ok(data.iter().map(|&b| b as char).collect()),
        Codec::Ascii => {
            let mut out = String::with_capacity(data.len());
            for (i, &b) in data.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                } else {
                    match mode {
                        ErrorMode::Strict => {
                            return Err(unicode_error(
                                decode_error_type(),
                                format!("'ascii' codec can't decode byte 0x{b:02x} in position {i}: ordinal not in range(128)"),
                            ))
                        }
                        ErrorMode::Ignore => {}
                        ErrorMode::Replace => out.push('\u{fffd}'),
                    }
                }
            }
            Ok(out)
        }
        Codec::Utf8 => {
            let mut out = String::with_capacity(data.len());
            let mut rest = data;
            let mut offset = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(out);
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                        let bad_len = e.error_len();
                        let position = offset + good;
                        match mode {
                            ErrorMode::Strict => {
                                let byte = rest.get(good).copied().unwrap_or(0);
                                let reason = utf8_reason(&rest[good..], bad_len);
                                let span = match bad_len {
                                    Some(n) if n > 1 => format!("bytes in position {position}-{}", position + n - 1),
                                    None if rest.len() - good > 1 => {
                                        format!("bytes in position {position}-{}", offset + rest.len() - 1)
                                    }
                                    _ => format!("byte 0x{byte:02x} in position {position}"),
                                };
                                return Err(unicode_error(
                                    decode_error_type(),
                                    format!("'utf-8' codec can't decode {span}: {reason}"),
                                ));
                            }
                            ErrorMode::Ignore => {}
                            ErrorMode::Replace => out.push('\u{fffd}'),
                        }
                        let skip = bad_len.unwrap_or(rest.len() - good);
                        offset += good + skip;
                        rest = &rest[good + skip..];
                    }
                }
            }
        }
    }
}

/// CPython's reason for an invalid UTF-8 sequence starting at `bad[0]`.
fn utf8_reason(bad: &[u8], bad_len: Option<usize>) -> &'static str {
    let first = bad.first().copied().unwrap_or(0);
    if (0x80..0xc2).contains(&first) || first > 0xf4 {
        "invalid start byte"
    } else if bad_len.is_none() {
        "unexpected end of data"
    } else {
        "invalid continuation byte"
    }
}

/// `str.encode(encoding='utf-8', errors='strict')`.
pub fn str_encode(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [encoding, errors] = args::bind("encode", &call, ["encoding", "errors"], 0)?;
    let Some(Value::Str(s)) = call.args.first() else { return Err(PyErr::type_error("descriptor 'encode' requires a 'str' object")) };
    let encoding = optional_text(encoding, "encode", "encoding", "utf-8")?;
    let errors = optional_text(errors, "encode", "errors", "strict")?;
    Ok(new_bytes(encode(s.as_str(), &encoding, &errors)?))
}

fn optional_text(v: Option<&Value>, function: &str, param: &str, default: &str) -> PyResult<String> {
    match v {
        None => Ok(default.to_owned()),
        Some(Value::Str(s)) => Ok(s.as_str().to_owned()),
        Some(other) => Err(PyErr::type_error(format!(
            "{function}() argument '{param}' must be str, not {}",
            ops::type_name(other)
        ))),
    }
}

// ---- methods ------------------------------------------------------------------------------

/// `self` of a method call and its data (copied: methods may call back into Python).
fn receiver<'a>(call: &CallArgs<'a>, name: &str) -> PyResult<(&'a Value, Vec<u8>)> {
    match call.args.first() {
        Some(v) if is_bytes_like(v) => Ok((v, view(v).map(|d| d.to_vec()).unwrap_or_default())),
        _ => Err(PyErr::type_error(format!("descriptor '{name}' requires a 'bytes' object"))),
    }
}

fn the_bytearray<'a>(call: &CallArgs<'a>, name: &str) -> PyResult<&'a Rc<PyByteArray>> {
    match call.args.first() {
        Some(Value::ByteArray(b)) => Ok(b),
        _ => Err(PyErr::type_error(format!("descriptor '{name}' requires a 'bytearray' object"))),
    }
}

fn decode_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [encoding, errors] = args::bind("decode", &call, ["encoding", "errors"], 0)?;
    let (_, data) = receiver(&call, "decode")?;
    let encoding = optional_text(encoding, "decode", "encoding", "utf-8")?;
    let errors = optional_text(errors, "decode", "errors", "strict")?;
    Ok(Value::string(decode(&data, &encoding, &errors)?))
}

fn hex_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [sep] = args::bind("hex", &call, ["sep"], 0)?;
    let (_, data) = receiver(&call, "hex")?;
    let sep = match sep {
        None => None,
        Some(Value::Str(s)) if s.as_str().chars().count() == 1 => s.as_str().chars().next(),
        Some(Value::Str(_)) => return Err(PyErr::value_error("sep must be length 1.")),
        Some(other) => {
            return Err(PyErr::type_error(format!("sep must be str or bytes., not {}", ops::type_name(other))))
        }
    };
    let mut out = String::with_capacity(data.len() * 3);
    for (i, b) in data.iter().enumerate() {
        if let (Some(c), true) = (sep, i > 0) {
            out.push(c);
        }
        out.push_str(&format!("{b:02x}"));
    }
    Ok(Value::string(out))
}

fn fromhex_text(text: &str) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let high = chars[i].to_digit(16);
        let low = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (high, low) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (Some(_), None) => {
                let at = i + 1;
                return Err(PyErr::value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {at}"
                )));
            }
            (None, _) => {
                return Err(PyErr::value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {i}"
                )))
            }
        }
        i += 2;
    }
    Ok(out)
}

/// `bytes.fromhex(s)` / `bytearray.fromhex(s)` (called on the type: the string is args[0]).
fn fromhex_impl(call: &CallArgs<'_>, bytearray: bool) -> PyResult<Value> {
    let pos = call.positional();
    let text = match pos {
        [Value::Str(s)] | [_, Value::Str(s)] => s.as_str(),
        [other] | [_, other] => {
            return Err(PyErr::type_error(format!(
                "fromhex() argument must be str, not {}",
                ops::type_name(other)
            )))
        }
        _ => return Err(PyErr::type_error(format!("fromhex() takes exactly one argument ({} given)", pos.len()))),
    };
    let data = fromhex_text(text)?;
    Ok(if bytearray { new_bytearray(data) } else { new_bytes(data) })
}

fn bytes_fromhex(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    fromhex_impl(&call, false)
}

fn bytearray_fromhex(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    fromhex_impl(&call, true)
}

/// Position of `needle` in `hay[start..end]`.
fn find_sub(hay: &[u8], needle: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > hay.len() {
        return None;
    }
    let window = &hay[start..end];
    if needle.is_empty() {
        return Some(start);
    }
    window.windows(needle.len()).position(|w| w == needle).map(|p| p + start)
}

fn rfind_sub(hay: &[u8], needle: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > hay.len() {
        return None;
    }
    let window = &hay[start..end];
    if needle.is_empty() {
        return Some(end);
    }
    window.windows(needle.len()).rposition(|w| w == needle).map(|p| p + start)
}

/// The needle of find/index/count: bytes-like or an int byte value.
fn needle_arg(v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(vec![byte_value(v, "byte must be in range(0, 256)")?]),
        _ => view(v).map(|d| d.to_vec()).ok_or_else(|| {
            PyErr::type_error(format!(
                "argument should be integer or bytes-like object, not '{}'",
                ops::type_name(v)
            ))
        }),
    }
}

fn search(call: &CallArgs<'_>, name: &str) -> PyResult<(Vec<u8>, Vec<u8>, usize, usize)> {
    let [sub, start, end] = args::positional_legacy::<3>(name, call, 1)?;
    let (_, data) = receiver(call, name)?;
    let needle = needle_arg(sub.unwrap_or(&Value::None))?;
    let (s, e) = slice::method_range(start, end, data.len())?;
    Ok((data, needle, s, e))
}

fn find_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let (data, needle, s, e) = search(&call, "find")?;
    Ok(Value::Int(find_sub(&data, &needle, s, e).map_or(-1, |p| p as i64)))
}

fn rfind_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let (data, needle, s, e) = search(&call, "rfind")?;
    Ok(Value::Int(rfind_sub(&data, &needle, s, e).map_or(-1, |p| p as i64)))
}

fn index_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let (data, needle, s, e) = search(&call, "index")?;
    find_sub(&data, &needle, s, e)
        .map(|p| Value::Int(p as i64))
        .ok_or_else(|| PyErr::value_error("subsection not found"))
}

fn rindex_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let (data, needle, s, e) = search(&call, "rindex")?;
    rfind_sub(&data, &needle, s, e)
        .map(|p| Value::Int(p as i64))
        .ok_or_else(|| PyErr::value_error("subsection not found"))
}

fn count_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let (data, needle, s, e) = search(&call, "count")?;
    if s > e || e > data.len() {
        return Ok(Value::Int(0));
    }
    if needle.is_empty() {
        return Ok(Value::Int((e - s + 1) as i64));
    }
    let mut count = 0;
    let mut at = s;
    while let Some(p) = find_sub(&data, &needle, at, e) {
        count += 1;
        at = p + needle.len();
    }
    Ok(Value::Int(count))
}

fn affix_method(call: &CallArgs<'_>, name: &str, at_start: bool) -> PyResult<Value> {
    let [prefix, start, end] = args::positional_legacy::<3>(name, call, 1)?;
    let (_, data) = receiver(call, name)?;
    let (s, e) = slice::method_range(start, end, data.len())?;
    let window: &[u8] = if s <= e && e <= data.len() { &data[s..e] } else { &[] };
    let empty_window_ok = s <= e;
    let test = |candidate: &Value| -> PyResult<bool> {
        let Some(p) = view(candidate) else {
            return Err(PyErr::type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {}",
                ops::type_name(candidate)
            )));
        };
        if !empty_window_ok {
            return Ok(false);
        }
        Ok(if at_start { window.starts_with(&p) } else { window.ends_with(&p) })
    };
    match prefix.unwrap_or(&Value::None) {
        Value::Tuple(t) => {
            for item in t.items.iter() {
                if test(item)? {
                    return Ok(Value::bool(true));
                }
            }
            Ok(Value::bool(false))
        }
        other => Ok(Value::bool(test(other)?)),
    }
}

fn startswith_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    affix_method(&call, "startswith", true)
}

fn endswith_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    affix_method(&call, "endswith", false)
}

const WHITESPACE: &[u8] = b" \t\n\r\x0b\x0c";

fn strip_impl(call: &CallArgs<'_>, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let [chars] = args::positional::<1>(name, call, 0)?;
    let (this, data) = receiver(call, name)?;
    let set: Vec<u8> = match chars {
        None | Some(Value::None) => WHITESPACE.to_vec(),
        Some(v) => bytes_arg(v)?,
    };
    let mut start = 0;
    let mut end = data.len();
    if left {
        while start < end && set.contains(&data[start]) {
            start += 1;
        }
    }
    if right {
        while end > start && set.contains(&data[end - 1]) {
            end -= 1;
        }
    }
    Ok(like(this, data[start..end].to_vec()))
}

fn strip_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    strip_impl(&call, "strip", true, true)
}

fn lstrip_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    strip_impl(&call, "lstrip", true, false)
}

fn rstrip_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    strip_impl(&call, "rstrip", false, true)
}

fn split_impl(call: &CallArgs<'_>, name: &str, from_right: bool) -> PyResult<Value> {
    let [sep, maxsplit] = args::bind(name, call, ["sep", "maxsplit"], 0)?;
    let (this, data) = receiver(call, name)?;
    let maxsplit = match maxsplit {
        None => -1,
        Some(v) => crate::objects::int::index_i64(v)?,
    };
    let limit = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut parts: Vec<Vec<u8>> = Vec::new();
    match sep {
        None | Some(Value::None) => {
            // Runs of ASCII whitespace separate; leading/trailing whitespace gives no parts.
            let is_space = |b: &u8| WHITESPACE.contains(b);
            if from_right {
                let mut end = data.len();
                loop {
                    while end > 0 && is_space(&data[end - 1]) {
                        end -= 1;
                    }
                    if end == 0 {
                        break;
                    }
                    if parts.len() == limit {
                        parts.push(data[..end].to_vec());
                        break;
                    }
                    let mut start = end;
                    while start > 0 && !is_space(&data[start - 1]) {
                        start -= 1;
                    }
                    parts.push(data[start..end].to_vec());
                    end = start;
                }
                parts.reverse();
            } else {
                let mut start = 0;
                loop {
                    while start < data.len() && is_space(&data[start]) {
                        start += 1;
                    }
                    if start == data.len() {
                        break;
                    }
                    if parts.len() == limit {
                        parts.push(data[start..].to_vec());
                        break;
                    }
                    let mut end = start;
                    while end < data.len() && !is_space(&data[end]) {
                        end += 1;
                    }
                    parts.push(data[start..end].to_vec());
                    start = end;
                }
            }
        }
        Some(sep) => {
            let sep = bytes_arg(sep)?;
            if sep.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            if from_right {
                let mut end = data.len();
                while parts.len() < limit {
                    match rfind_sub(&data, &sep, 0, end) {
                        Some(p) => {
                            parts.push(data[p + sep.len()..end].to_vec());
                            end = p;
                        }
                        None => break,
                    }
                }
                parts.push(data[..end].to_vec());
                parts.reverse();
            } else {
                let mut start = 0;
                while parts.len() < limit {
                    match find_sub(&data, &sep, start, data.len()) {
                        Some(p) => {
                            parts.push(data[start..p].to_vec());
                            start = p + sep.len();
                        }
                        None => break,
                    }
                }
                parts.push(data[start..].to_vec());
            }
        }
    }
    Ok(Value::list(parts.into_iter().map(|p| like(this, p)).collect()))
}

fn split_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    split_impl(&call, "split", false)
}

fn rsplit_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    split_impl(&call, "rsplit", true)
}

fn splitlines_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [keepends] = args::bind("splitlines", &call, ["keepends"], 0)?;
    let (this, data) = receiver(&call, "splitlines")?;
    let keep = matches!(keepends, Some(Value::Bool(BoolWord::True))) || matches!(keepends, Some(Value::Int(n)) if *n != 0);
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < data.len() {
        let eol_len = match data[i] {
            b'\r' if data.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => 0,
        };
        if eol_len == 0 {
            i += 1;
            continue;
        }
        let end = if keep { i + eol_len } else { i };
        parts.push(like(this, data[start..end].to_vec()));
        i += eol_len;
        start = i;
    }
    if start < data.len() {
        parts.push(like(this, data[start..].to_vec()));
    }
    Ok(Value::list(parts))
}

fn join_method(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [iterable] = args::positional::<1>("join", &call, 1)?;
    let (this, sep) = receiver(&call, "join")?;
    let items = ops::collect(vm, iterable.unwrap_or(&Value::None))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match view(item) {
            Some(d) => out.extend_from_slice(&d),
            None => {
                return Err(PyErr::type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    ops::type_name(item)
                )))
            }
        }
    }
    Ok(like(this, out))
}

fn replace_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [old, new, count] = args::positional_legacy::<3>("replace", &call, 2)?;
    let (this, data) = receiver(&call, "replace")?;
    let old = bytes_arg(old.unwrap_or(&Value::None))?;
    let new = bytes_arg(new.unwrap_or(&Value::None))?;
    let count = match count {
        None => -1,
        Some(v) => crate::objects::int::index_i64(v)?,
    };
    let mut remaining = if count < 0 { usize::MAX } else { count as usize };
    let mut out = Vec::with_capacity(data.len());
    if old.is_empty() {
        for (i, &b) in data.iter().enumerate() {
            if remaining > 0 {
                out.extend_from_slice(&new);
                remaining -= 1;
            }
            out.push(b);
            if i + 1 == data.len() && remaining > 0 {
                out.extend_from_slice(&new);
            }
        }
        if data.is_empty() && remaining > 0 {
            out.extend_from_slice(&new);
        }
        return Ok(like(this, out));
    }
    let mut start = 0;
    while remaining > 0 {
        match find_sub(&data, &old, start, data.len()) {
            Some(p) => {
                out.extend_from_slice(&data[start..p]);
                out.extend_from_slice(&new);
                start = p + old.len();
                remaining -= 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&data[start..]);
    Ok(like(this, out))
}

fn partition_impl(call: &CallArgs<'_>, name: &str, from_right: bool) -> PyResult<Value> {
    let [sep] = args::positional::<1>(name, call, 1)?;
    let (this, data) = receiver(call, name)?;
    let sep_value = sep.unwrap_or(&Value::None);
    let sep = bytes_arg(sep_value)?;
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let found = if from_right { rfind_sub(&data, &sep, 0, data.len()) } else { find_sub(&data, &sep, 0, data.len()) };
    let parts = match found {
        Some(p) => vec![data[..p].to_vec(), sep.clone(), data[p + sep.len()..].to_vec()],
        None if from_right => vec![Vec::new(), Vec::new(), data.clone()],
        None => vec![data.clone(), Vec::new(), Vec::new()],
    };
    Ok(Value::tuple(parts.into_iter().map(|p| like(this, p)).collect()))
}

fn partition_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    partition_impl(&call, "partition", false)
}

fn rpartition_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    partition_impl(&call, "rpartition", true)
}

fn map_bytes(call: &CallArgs<'_>, name: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    args::positional::<0>(name, call, 0)?;
    let (this, data) = receiver(call, name)?;
    Ok(like(this, f(&data)))
}

fn upper_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    map_bytes(&call, "upper", |d| d.to_ascii_uppercase())
}

fn lower_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    map_bytes(&call, "lower", |d| d.to_ascii_lowercase())
}

fn swapcase_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    map_bytes(&call, "swapcase", |d| {
        d.iter()
            .map(|b| if b.is_ascii_lowercase() { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() })
            .collect()
    })
}

fn capitalize_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    map_bytes(&call, "capitalize", |d| {
        d.iter()
            .enumerate()
            .map(|(i, b)| if i == 0 { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() })
            .collect()
    })
}

fn title_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    map_bytes(&call, "title", |d| {
        let mut previous_cased = false;
        d.iter()
            .map(|&b| {
                let out = if previous_cased { b.to_ascii_lowercase() } else { b.to_ascii_uppercase() };
                previous_cased = b.is_ascii_alphabetic();
                out
            })
            .collect()
    })
}

fn predicate(call: &CallArgs<'_>, name: &str, test: fn(&[u8]) -> bool) -> PyResult<Value> {
    args::positional::<0>(name, call, 0)?;
    let (_, data) = receiver(call, name)?;
    Ok(Value::bool(test(&data)))
}

fn isdigit_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    predicate(&call, "isdigit", |d| !d.is_empty() && d.iter().all(u8::is_ascii_digit))
}

fn isalpha_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    predicate(&call, "isalpha", |d| !d.is_empty() && d.iter().all(u8::is_ascii_alphabetic))
}

fn isalnum_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    predicate(&call, "isalnum", |d| !d.is_empty() && d.iter().all(u8::is_ascii_alphanumeric))
}

fn isspace_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    predicate(&call, "isspace", |d| !d.is_empty() && d.iter().all(|b| WHITESPACE.contains(b)))
}

fn isupper_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    predicate(&call, "isupper", |d| d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase))
}

fn islower_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    predicate(&call, "islower", |d| d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase))
}

fn isascii_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    predicate(&call, "isascii", |d| d.is_ascii())
}

fn pad_impl(call: &CallArgs<'_>, name: &str, align: char) -> PyResult<Value> {
    let [width, fill] = args::positional::<2>(name, call, 1)?;
    let (this, data) = receiver(call, name)?;
    let width = crate::objects::int::index_i64(width.unwrap_or(&Value::Int(0)))?;
    let fill = match fill {
        None => b' ',
        Some(v) => match view(v) {
            Some(d) if d.len() == 1 => d[0],
            _ => {
                return Err(PyErr::type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    ops::type_name(v)
                )))
            }
        },
    };
    let width = usize::try_from(width).unwrap_or(0);
    if width <= data.len() {
        return Ok(like(this, data));
    }
    let pad = width - data.len();
    let (left, right) = match align {
        '<' => (0, pad),
        '>' => (pad, 0),
        _ => {
            let left = pad / 2 + (pad & width & 1);
            (left, pad - left)
        }
    };
    let mut out = alloc(width)?;
    out.extend(std::iter::repeat_n(fill, left));
    out.extend_from_slice(&data);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(like(this, out))
}

fn center_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    pad_impl(&call, "center", '^')
}

fn ljust_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    pad_impl(&call, "ljust", '<')
}

fn rjust_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    pad_impl(&call, "rjust", '>')
}

fn removeprefix_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [prefix] = args::positional::<1>("removeprefix", &call, 1)?;
    let (this, data) = receiver(&call, "removeprefix")?;
    let prefix = bytes_arg(prefix.unwrap_or(&Value::None))?;
    Ok(like(this, data.strip_prefix(prefix.as_slice()).unwrap_or(&data).to_vec()))
}

fn removesuffix_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [suffix] = args::positional::<1>("removesuffix", &call, 1)?;
    let (this, data) = receiver(&call, "removesuffix")?;
    let suffix = bytes_arg(suffix.unwrap_or(&Value::None))?;
    Ok(like(this, data.strip_suffix(suffix.as_slice()).unwrap_or(&data).to_vec()))
}

// ---- bytearray mutation -------------------------------------------------------------------

fn append_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [item] = args::positional::<1>("bytearray.append", &call, 1)?;
    let target = the_bytearray(&call, "append")?;
    let b = byte_value(item.unwrap_or(&Value::None), "byte must be in range(0, 256)")?;
    target.data.borrow_mut().push(b);
    Ok(Value::None)
}

fn extend_method(vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [items] = args::positional::<1>("bytearray.extend", &call, 1)?;
    let target = the_bytearray(&call, "extend")?;
    let items = items.unwrap_or(&Value::None);
    let new = match view(items) {
        Some(d) => d.to_vec(),
        None => {
            let values = ops::collect(vm, items).map_err(|e| {
                if e.matches(TypeId::TypeError) {
                    PyErr::type_error(format!("can't extend bytearray with {}", ops::type_name(items)))
                } else {
                    e
                }
            })?;
            values.iter().map(|v| byte_value(v, "byte must be in range(0, 256)")).collect::<PyResult<Vec<u8>>>()?
        }
    };
    let mut data = target.data.borrow_mut();
    data.try_reserve(new.len()).map_err(|_| PyErr::memory_error())?;
    data.extend_from_slice(&new);
    Ok(Value::None)
}

fn pop_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [index] = args::positional::<1>("pop", &call, 0)?;
    let target = the_bytearray(&call, "pop")?;
    let mut data = target.data.borrow_mut();
    if data.is_empty() {
        return Err(PyErr::index_error("pop from empty bytearray"));
    }
    let i = match index {
        None => -1,
        Some(v) => crate::objects::int::index_i64(v)?,
    };
    let pos = slice::normalize_index(i, data.len()).ok_or_else(|| PyErr::index_error("pop index out of range"))?;
    Ok(Value::Int(data.remove(pos) as i64))
}

fn insert_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [index, item] = args::positional::<2>("insert", &call, 2)?;
    let target = the_bytearray(&call, "insert")?;
    let i = crate::objects::int::index_i64(index.unwrap_or(&Value::Int(0)))?;
    let b = byte_value(item.unwrap_or(&Value::None), "byte must be in range(0, 256)")?;
    let mut data = target.data.borrow_mut();
    let len = data.len() as i64;
    let pos = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    data.insert(pos, b);
    Ok(Value::None)
}

fn remove_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    let [item] = args::positional::<1>("bytearray.remove", &call, 1)?;
    let target = the_bytearray(&call, "remove")?;
    let b = byte_value(item.unwrap_or(&Value::None), "byte must be in range(0, 256)")?;
    let mut data = target.data.borrow_mut();
    match data.iter().position(|&x| x == b) {
        Some(p) => {
            data.remove(p);
            Ok(Value::None)
        }
        None => Err(PyErr::value_error("value not found in bytearray")),
    }
}

fn clear_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    args::positional::<0>("bytearray.clear", &call, 0)?;
    the_bytearray(&call, "clear")?.data.borrow_mut().clear();
    Ok(Value::None)
}

fn reverse_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    args::positional::<0>("bytearray.reverse", &call, 0)?;
    the_bytearray(&call, "reverse")?.data.borrow_mut().reverse();
    Ok(Value::None)
}

fn copy_method(_vm: &mut Vm, call: CallArgs<'_>) -> PyResult<Value> {
    args::positional::<0>("bytearray.copy", &call, 0)?;
    let data = the_bytearray(&call, "copy")?.data.borrow().clone();
    Ok(new_bytearray(data))
}

/// Methods shared by bytes and bytearray.
macro_rules! common_methods {
    ($($extra:expr,)*) => {
        &[
            ("decode", decode_method),
            ("hex", hex_method),
            ("find", find_method),
            ("rfind", rfind_method),
            ("index", index_method),
            ("rindex", rindex_method),
            ("count", count_method),
            ("startswith", startswith_method),
            ("endswith", endswith_method),
            ("strip", strip_method),
            ("lstrip", lstrip_method),
            ("rstrip", rstrip_method),
            ("split", split_method),
            ("rsplit", rsplit_method),
            ("splitlines", splitlines_method),
            ("join", join_method),
            ("replace", replace_method),
            ("partition", partition_method),
            ("rpartition", rpartition_method),
            ("upper", upper_method),
            ("lower", lower_method),
            ("swapcase", swapcase_method),
            ("capitalize", capitalize_method),
            ("title", title_method),
            ("isdigit", isdigit_method),
            ("isalpha", isalpha_method),
            ("isalnum", isalnum_method),
            ("isspace", isspace_method),
            ("isupper", isupper_method),
            ("islower", islower_method),
            ("isascii", isascii_method),
            ("center", center_method),
            ("ljust", ljust_method),
            ("rjust", rjust_method),
            ("removeprefix", removeprefix_method),
            ("removesuffix", removesuffix_method),
            $($extra,)*
        ]
    };
}

pub const BYTES_METHODS: MethodTable = common_methods![("fromhex", bytes_fromhex as crate::value::NativeFn),];

pub const BYTEARRAY_METHODS: MethodTable = common_methods![
    ("fromhex", bytearray_fromhex as crate::value::NativeFn),
    ("append", append_method),
    ("extend", extend_method),
    ("pop", pop_method),
    ("insert", insert_method),
    ("remove", remove_method),
    ("clear", clear_method),
    ("reverse", reverse_method),
    ("copy", copy_method),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn repr_of(data: &[u8]) -> String {
        let mut s = String::new();
        write_repr(&mut s, data);
        s
    }

    #[test]
    fn repr_matches_cpython() {
        assert_eq!(repr_of(b"abc"), "b'abc'");
        assert_eq!(repr_of(b"it's"), "b\"it's\"");
        assert_eq!(repr_of(b"'\""), "b'\\'\"'");
        assert_eq!(repr_of(b"\x00\t\n\r\x7f\xff\\"), "b'\\x00\\t\\n\\r\\x7f\\xff\\\\'");
    }

    #[test]
    fn codecs() {
        assert_eq!(encode("é", "latin-1", "strict").ok(), Some(vec![0xe9]));
        assert_eq!(encode("aé€", "ascii", "replace").ok(), Some(b"a??".to_vec()));
        assert_eq!(encode("aé", "ASCII", "ignore").ok(), Some(b"a".to_vec()));
        assert_eq!(decode(b"a\xffb", "utf-8", "replace").ok().as_deref(), Some("a\u{fffd}b"));
        assert_eq!(decode(b"\xc3\xa9", "utf8", "strict").ok().as_deref(), Some("é"));
        assert!(decode(b"\xff", "utf-8", "strict").is_err());
        assert!(Codec::lookup("rot13").is_err());
    }

    #[test]
    fn fromhex_parses_pairs_and_spaces() {
        assert_eq!(fromhex_text("de ad BE EF").ok(), Some(vec![0xde, 0xad, 0xbe, 0xef]));
        assert!(fromhex_text("abc").is_err());
    }
}
