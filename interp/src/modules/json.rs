//! The `json` module: `dumps`/`dump` (an encoder following CPython's formatting rules:
//! indent, separators, sort_keys, ensure_ascii, default=, circular reference check) and
//! `loads`/`load` (a recursive-descent decoder raising `JSONDecodeError` with CPython's
//! messages and line/column positions).

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use crate::builtins::args::{invalid_keyword, positional_count};
use crate::error::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::float::float_repr;
use crate::objects::int::{bigint_to_decimal, parse_int};
use crate::objects::types::{type_of, PyType, TypeId};
use crate::ops::{self, Nest};
use crate::value::{BoolWord, CallArgs, PyException, PyModule, Value};
use crate::vm::Vm;

thread_local! {
    static DECODE_ERROR: RefCell<Option<Rc<PyType>>> = const { RefCell::new(None) };
}

/// `json.JSONDecodeError`, a subclass of ValueError (created once per thread).
fn decode_error_type() -> Rc<PyType> {
    DECODE_ERROR.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| PyType::new_native_subtype("JSONDecodeError", "json.decoder", TypeId::ValueError, &[]))
            .clone()
    })
}

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("json");
    m.add_function("dumps", json_dumps);
    m.add_function("dump", json_dump);
    m.add_function("loads", json_loads);
    m.add_function("load", json_load);
    m.add("JSONDecodeError", Value::Type(decode_error_type()));
    Ok(m)
}

// ---- encoding -------------------------------------------------------------------------------

/// The options of `dumps`, already validated.
struct Encoder {
    skip_keys: bool,
    ensure_ascii: bool,
    check_circular: bool,
    allow_nan: bool,
    sort_keys: bool,
    /// `Some(unit)` when pretty-printing: the text repeated once per nesting level.
    indent: Option<String>,
    item_separator: String,
    key_separator: String,
    default: Option<Value>,
    /// Addresses of the containers being encoded (circular reference detection).
    active: Vec<usize>,
}

fn parse_encoder(vm: &mut Vm, args: &CallArgs<'_>, function: &str) -> PyResult<Encoder> {
    let mut enc = Encoder {
        skip_keys: false,
        ensure_ascii: true,
        check_circular: true,
        allow_nan: true,
        sort_keys: false,
        indent: None,
        item_separator: ", ".into(),
        key_separator: ": ".into(),
        default: None,
        active: Vec::new(),
    };
    let mut separators = None;
    for (name, value) in args.keywords() {
        match name {
            "skipkeys" => enc.skip_keys = ops::truthy(vm, value)?,
            "ensure_ascii" => enc.ensure_ascii = ops::truthy(vm, value)?,
            "check_circular" => enc.check_circular = ops::truthy(vm, value)?,
            "allow_nan" => enc.allow_nan = ops::truthy(vm, value)?,
            "sort_keys" => enc.sort_keys = ops::truthy(vm, value)?,
            "indent" => {
                enc.indent = match value {
                    Value::None => None,
                    Value::Str(s) => Some(s.as_str().to_owned()),
                    Value::Int(n) => Some(" ".repeat((*n).clamp(0, 1 << 16) as usize)),
                    Value::Bool(b) => Some(" ".repeat(usize::from(b.get()))),
                    other => {
                        return Err(PyErr::type_error(format!(
                            "can't multiply sequence by non-int of type '{}'",
                            type_of(other).name
                        )))
                    }
                }
            }
            "separators" => separators = Some(value.clone()),
            "default" => {
                if !matches!(value, Value::None) {
                    enc.default = Some(value.clone());
                }
            }
            "cls" => {
                if !matches!(value, Value::None) {
                    return Err(PyErr::unsupported("json encoder classes (cls=)"));
                }
            }
            other => return Err(PyErr::type_error(format!("{function}() got an unexpected keyword argument '{other}'"))),
        }
    }
    if enc.indent.is_some() {
        enc.item_separator = ",".into();
    }
    if let Some(seps) = separators {
        if !matches!(seps, Value::None) {
            let parts = ops::collect(vm, &seps)?;
            let [item, key] = parts.as_slice() else {
                return Err(PyErr::value_error(format!("too many values to unpack (expected 2, got {})", parts.len())));
            };
            match (item, key) {
                (Value::Str(i), Value::Str(k)) => {
                    enc.item_separator = i.as_str().to_owned();
                    enc.key_separator = k.as_str().to_owned();
                }
                _ => return Err(PyErr::type_error("make_encoder() argument 6 must be str, not int")),
            }
        }
    }
    Ok(enc)
}

/// The builtin value carried by an instance of a builtin subclass, or the value itself.
fn underlying(v: &Value) -> &Value {
    match v {
        Value::Object(o) if !matches!(o.base_value, Value::Null) => &o.base_value,
        other => other,
    }
}

fn float_text(enc: &Encoder, x: f64) -> PyResult<String> {
    if x.is_finite() {
        return Ok(float_repr(x));
    }
    if !enc.allow_nan {
        return Err(PyErr::value_error("Out of range float values are not JSON compliant"));
    }
    Ok(if x.is_nan() {
        "NaN".into()
    } else if x > 0.0 {
        "Infinity".into()
    } else {
        "-Infinity".into()
    })
}

/// Append `s` as a JSON string literal.
fn encode_str(out: &mut String, s: &str, ensure_ascii: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if ensure_ascii && (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{:04x}", unit);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl Encoder {
    fn newline(&self, out: &mut String, level: usize) {
        if let Some(unit) = &self.indent {
            out.push('\n');
            for _ in 0..level {
                out.push_str(unit);
            }
        }
    }

    fn enter(&mut self, v: &Value) -> PyResult<()> {
        if self.check_circular {
            let addr = v.heap_ptr().unwrap_or(0);
            if self.active.contains(&addr) {
                return Err(PyErr::value_error("Circular reference detected"));
            }
            self.active.push(addr);
        }
        Ok(())
    }

    fn leave(&mut self) {
        if self.check_circular {
            self.active.pop();
        }
    }

    fn encode(&mut self, vm: &mut Vm, out: &mut String, value: &Value, level: usize) -> PyResult<()> {
        let _nest = Nest::enter(" while encoding a JSON object")?;
        match underlying(value) {
            Value::None => out.push_str("null"),
            Value::Bool(BoolWord::True) => out.push_str("true"),
            Value::Bool(BoolWord::False) => out.push_str("false"),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::BigInt(b) => out.push_str(&bigint_to_decimal(b)?),
            Value::Float(x) => out.push_str(&float_text(self, x.get())?),
            Value::Str(s) => encode_str(out, s.as_str(), self.ensure_ascii),
            Value::List(l) => {
                let items = l.items.borrow().clone();
                self.enter(value)?;
                self.encode_sequence(vm, out, &items, level)?;
                self.leave();
            }
            Value::Tuple(t) => {
                self.enter(value)?;
                self.encode_sequence(vm, out, &t.items, level)?;
                self.leave();
            }
            Value::Dict(d) => {
                self.enter(value)?;
                self.encode_dict(vm, out, d, level)?;
                self.leave();
            }
            other => {
                let Some(default) = self.default.clone() else {
                    return Err(PyErr::type_error(format!(
                        "Object of type {} is not JSON serializable",
                        type_of(other).name
                    )));
                };
                self.enter(value)?;
                let replacement = vm.call(&default, std::slice::from_ref(value))?;
                self.encode(vm, out, &replacement, level)?;
                self.leave();
            }
        }
        Ok(())
    }

    fn encode_sequence(&mut self, vm: &mut Vm, out: &mut String, items: &[Value], level: usize) -> PyResult<()> {
        if items.is_empty() {
            out.push_str("[]");
            return Ok(());
        }
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.item_separator);
            }
            self.newline(out, level + 1);
            self.encode(vm, out, item, level + 1)?;
        }
        self.newline(out, level);
        out.push(']');
        Ok(())
    }

    /// The text of a dict key, or `None` to skip it (`skipkeys=True`).
    fn key_text(&self, key: &Value) -> PyResult<Option<String>> {
        Ok(Some(match underlying(key) {
            Value::Str(s) => s.as_str().to_owned(),
            Value::Float(x) => float_text(self, x.get())?,
            Value::Bool(BoolWord::True) => "true".into(),
            Value::Bool(BoolWord::False) => "false".into(),
            Value::None => "null".into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => bigint_to_decimal(b)?,
            other => {
                if self.skip_keys {
                    return Ok(None);
                }
                return Err(PyErr::type_error(format!(
                    "keys must be str, int, float, bool or None, not {}",
                    type_of(other).name
                )));
            }
        }))
    }

    fn encode_dict(&mut self, vm: &mut Vm, out: &mut String, dict: &PyDict, level: usize) -> PyResult<()> {
        let mut items = dict.items();
        if items.is_empty() {
            out.push_str("{}");
            return Ok(());
        }
        if self.sort_keys {
            sort_items(vm, &mut items)?;
        }
        out.push('{');
        let mut first = true;
        for (key, value) in &items {
            let Some(text) = self.key_text(key)? else { continue };
            if !first {
                out.push_str(&self.item_separator);
            }
            first = false;
            self.newline(out, level + 1);
            encode_str(out, &text, self.ensure_ascii);
            out.push_str(&self.key_separator);
            self.encode(vm, out, value, level + 1)?;
        }
        self.newline(out, level);
        out.push('}');
        Ok(())
    }
}

/// Sort (key, value) pairs by key with Python's `<` (a stable merge sort that propagates the
/// first comparison error, like `sorted(d.items())`).
fn sort_items(vm: &mut Vm, items: &mut Vec<(Value, Value)>) -> PyResult<()> {
    let mut error = None;
    let mut keyed: Vec<(Value, Value)> = std::mem::take(items);
    // insertion into a sorted vector with binary search keeps this simple and stable
    let mut sorted: Vec<(Value, Value)> = Vec::with_capacity(keyed.len());
    for item in keyed.drain(..) {
        if error.is_some() {
            break;
        }
        let (mut lo, mut hi) = (0, sorted.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match ops::lt(vm, &item.0, &sorted[mid].0) {
                Ok(true) => hi = mid,
                Ok(false) => lo = mid + 1,
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        sorted.insert(lo, item);
    }
    if let Some(e) = error {
        return Err(e);
    }
    *items = sorted;
    Ok(())
}

fn dumps_text(vm: &mut Vm, obj: &Value, args: &CallArgs<'_>, function: &str) -> PyResult<String> {
    let mut enc = parse_encoder(vm, args, function)?;
    let mut out = String::new();
    enc.encode(vm, &mut out, obj, 0)?;
    Ok(out)
}

fn json_dumps(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let obj = match args.positional() {
        [obj] => obj,
        [] => return Err(PyErr::type_error("dumps() missing 1 required positional argument: 'obj'")),
        more => return Err(PyErr::type_error(format!("dumps() takes 1 positional argument but {} were given", more.len()))),
    };
    Ok(Value::string(dumps_text(vm, obj, &args, "dumps")?))
}

fn json_dump(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let (obj, fp) = match args.positional() {
        [obj, fp] => (obj, fp),
        [] => return Err(PyErr::type_error("dump() missing 2 required positional arguments: 'obj' and 'fp'")),
        [_] => return Err(PyErr::type_error("dump() missing 1 required positional argument: 'fp'")),
        more => return Err(PyErr::type_error(format!("dump() takes 2 positional arguments but {} were given", more.len()))),
    };
    let text = dumps_text(vm, obj, &args, "dump")?;
    let write = ops::getattr(vm, fp, "write")?;
    vm.call(&write, &[Value::string(text)])?;
    Ok(Value::None)
}

// ---- decoding -------------------------------------------------------------------------------

/// Hooks and conversions of `loads`.
#[derive(Default)]
struct DecodeOptions {
    object_hook: Option<Value>,
    object_pairs_hook: Option<Value>,
    parse_float: Option<Value>,
    parse_int: Option<Value>,
    parse_constant: Option<Value>,
}

struct Decoder<'a> {
    text: &'a str,
    bytes: &'a [u8],
    options: DecodeOptions,
}

/// A decoding failure at a byte offset (turned into a JSONDecodeError with char positions).
struct Failure {
    message: &'static str,
    at: usize,
}

enum DecodeError {
    Syntax(Failure),
    Python(PyErr),
}

impl From<PyErr> for DecodeError {
    fn from(e: PyErr) -> Self {
        DecodeError::Python(e)
    }
}

type DResult<T> = Result<T, DecodeError>;

fn fail<T>(message: &'static str, at: usize) -> DResult<T> {
    Err(DecodeError::Syntax(Failure { message, at }))
}

/// The JSONDecodeError for `message` at byte offset `at` of `doc`:
/// "msg: line L column C (char P)" with positions counted in characters.
fn decode_error(doc: &str, message: &str, at: usize) -> PyErr {
    let prefix = doc.get(..at).unwrap_or(doc);
    let pos = prefix.chars().count();
    let lineno = prefix.matches('\n').count() + 1;
    let colno = match prefix.rfind('\n') {
        Some(nl) => prefix[nl + 1..].chars().count() + 1,
        None => pos + 1,
    };
    let text = format!("{message}: line {lineno} column {colno} (char {pos})");
    let exc = PyException::new(decode_error_type(), vec![Value::string(text)]);
    let attrs = PyDict::new();
    attrs.set_str("msg", Value::str(message));
    attrs.set_str("doc", Value::str(doc));
    attrs.set_str("pos", Value::Int(pos as i64));
    attrs.set_str("lineno", Value::Int(lineno as i64));
    attrs.set_str("colno", Value::Int(colno as i64));
    *exc.dict.borrow_mut() = Some(Rc::new(attrs));
    PyErr(Rc::new(exc))
}

fn is_json_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'a> Decoder<'a> {
    fn skip_space(&self, mut at: usize) -> usize {
        while self.bytes.get(at).is_some_and(|&b| is_json_space(b)) {
            at += 1;
        }
        at
    }

    fn starts_with(&self, at: usize, word: &str) -> bool {
        self.bytes.get(at..).is_some_and(|rest| rest.starts_with(word.as_bytes()))
    }

    /// Parse the value at `at` (no leading whitespace); returns it and the offset after it.
    fn value(&self, vm: &mut Vm, at: usize) -> DResult<(Value, usize)> {
        let _nest = Nest::enter(" while decoding a JSON document")?;
        match self.bytes.get(at) {
            Some(b'"') => {
                let (s, end) = self.string(at)?;
                Ok((Value::string(s), end))
            }
            Some(b'{') => self.object(vm, at + 1),
            Some(b'[') => self.array(vm, at + 1),
            Some(b'n') if self.starts_with(at, "null") => Ok((Value::None, at + 4)),
            Some(b't') if self.starts_with(at, "true") => Ok((Value::bool(true), at + 4)),
            Some(b'f') if self.starts_with(at, "false") => Ok((Value::bool(false), at + 5)),
            Some(b'N') if self.starts_with(at, "NaN") => Ok((self.constant(vm, "NaN", f64::NAN)?, at + 3)),
            Some(b'I') if self.starts_with(at, "Infinity") => {
                Ok((self.constant(vm, "Infinity", f64::INFINITY)?, at + 8))
            }
            Some(b'-') if self.starts_with(at, "-Infinity") => {
                Ok((self.constant(vm, "-Infinity", f64::NEG_INFINITY)?, at + 9))
            }
            Some(b'-' | b'0'..=b'9') => self.number(vm, at),
            _ => fail("Expecting value", at),
        }
    }

    fn constant(&self, vm: &mut Vm, name: &str, x: f64) -> PyResult<Value> {
        match &self.options.parse_constant {
            Some(hook) => vm.call(hook, &[Value::str(name)]),
            None => Ok(Value::float(x)),
        }
    }

    fn digits_end(&self, mut at: usize) -> usize {
        while self.bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        at
    }

    /// `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`
    fn number(&self, vm: &mut Vm, start: usize) -> DResult<(Value, usize)> {
        let mut at = start;
        if self.bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        match self.bytes.get(at) {
            Some(b'0') => at += 1,
            Some(b'1'..=b'9') => at = self.digits_end(at),
            _ => return fail("Expecting value", start),
        }
        let mut is_float = false;
        if self.bytes.get(at) == Some(&b'.') && self.bytes.get(at + 1).is_some_and(u8::is_ascii_digit) {
            at = self.digits_end(at + 1);
            is_float = true;
        }
        if matches!(self.bytes.get(at), Some(b'e' | b'E')) {
            let mut exp = at + 1;
            if matches!(self.bytes.get(exp), Some(b'+' | b'-')) {
                exp += 1;
            }
            if self.bytes.get(exp).is_some_and(u8::is_ascii_digit) {
                at = self.digits_end(exp);
                is_float = true;
            }
        }
        let text = &self.text[start..at];
        let value = if is_float {
            match &self.options.parse_float {
                Some(hook) => vm.call(hook, &[Value::str(text)])?,
                None => Value::float(text.parse::<f64>().unwrap_or(f64::NAN)),
            }
        } else {
            match &self.options.parse_int {
                Some(hook) => vm.call(hook, &[Value::str(text)])?,
                None => parse_int(text, 10)?,
            }
        };
        Ok((value, at))
    }

    /// The four hex digits at `at`, if they are there.
    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.bytes.get(at..at + 4)?;
        let mut v = 0u32;
        for &d in digits {
            v = v * 16 + (d as char).to_digit(16)?;
        }
        Some(v)
    }

    /// The string whose opening quote is at `start`; returns its value and the offset after
    /// the closing quote.
    fn string(&self, start: usize) -> DResult<(String, usize)> {
        let mut out = String::new();
        let mut at = start + 1;
        let mut run_start = at;
        loop {
            let Some(&b) = self.bytes.get(at) else {
                return fail("Unterminated string starting at", start);
            };
            match b {
                b'"' => {
                    out.push_str(&self.text[run_start..at]);
                    return Ok((out, at + 1));
                }
                b'\\' => {
                    out.push_str(&self.text[run_start..at]);
                    let Some(&esc) = self.bytes.get(at + 1) else {
                        return fail("Unterminated string starting at", start);
                    };
                    let simple = match esc {
                        b'"' => Some('"'),
                        b'\\' => Some('\\'),
                        b'/' => Some('/'),
                        b'b' => Some('\u{8}'),
                        b'f' => Some('\u{c}'),
                        b'n' => Some('\n'),
                        b'r' => Some('\r'),
                        b't' => Some('\t'),
                        _ => None,
                    };
                    if let Some(c) = simple {
                        out.push(c);
                        at += 2;
                    } else if esc == b'u' {
                        let Some(unit) = self.hex4(at + 2) else {
                            return fail("Invalid \\uXXXX escape", at + 1);
                        };
                        at += 6;
                        let mut code = unit;
                        if (0xd800..0xdc00).contains(&unit)
                            && self.bytes.get(at) == Some(&b'\\')
                            && self.bytes.get(at + 1) == Some(&b'u')
                        {
                            let Some(low) = self.hex4(at + 2) else {
                                return fail("Invalid \\uXXXX escape", at + 1);
                            };
                            if (0xdc00..0xe000).contains(&low) {
                                code = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                                at += 6;
                            }
                        }
                        // Lone surrogates cannot be held by swallow's UTF-8 strings.
                        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    } else {
                        return fail("Invalid \\escape", at);
                    }
                    run_start = at;
                    continue;
                }
                0..=0x1f => return fail("Invalid control character at", at),
                _ => {}
            }
            at += 1;
        }
    }

    fn array(&self, vm: &mut Vm, after_bracket: usize) -> DResult<(Value, usize)> {
        let mut items = Vec::new();
        let mut at = self.skip_space(after_bracket);
        if self.bytes.get(at) == Some(&b']') {
            return Ok((Value::list(items), at + 1));
        }
        loop {
            let (item, end) = self.value(vm, at)?;
            items.push(item);
            at = self.skip_space(end);
            match self.bytes.get(at) {
                Some(b']') => return Ok((Value::list(items), at + 1)),
                Some(b',') => at = self.skip_space(at + 1),
                _ => return fail("Expecting ',' delimiter", at),
            }
        }
    }

    fn object(&self, vm: &mut Vm, after_brace: usize) -> DResult<(Value, usize)> {
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let mut at = self.skip_space(after_brace);
        if self.bytes.get(at) != Some(&b'}') {
            loop {
                if self.bytes.get(at) != Some(&b'"') {
                    return fail("Expecting property name enclosed in double quotes", at);
                }
                let (key, end) = self.string(at)?;
                at = self.skip_space(end);
                if self.bytes.get(at) != Some(&b':') {
                    return fail("Expecting ':' delimiter", at);
                }
                at = self.skip_space(at + 1);
                let (value, end) = self.value(vm, at)?;
                pairs.push((Value::string(key), value));
                at = self.skip_space(end);
                match self.bytes.get(at) {
                    Some(b'}') => break,
                    Some(b',') => at = self.skip_space(at + 1),
                    _ => return fail("Expecting ',' delimiter", at),
                }
            }
        }
        let end = at + 1;
        if let Some(hook) = &self.options.object_pairs_hook {
            let list = Value::list(pairs.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect());
            return Ok((vm.call(hook, &[list])?, end));
        }
        let dict = Rc::new(PyDict::new());
        for (k, v) in pairs {
            dict.set(k, v)?;
        }
        let value = Value::Dict(dict);
        match &self.options.object_hook {
            Some(hook) => Ok((vm.call(hook, &[value])?, end)),
            None => Ok((value, end)),
        }
    }
}

/// Decode a whole document (surrounding whitespace allowed, nothing else).
fn decode_document(vm: &mut Vm, text: &str, options: DecodeOptions) -> PyResult<Value> {
    if text.starts_with('\u{feff}') {
        return Err(decode_error(text, "Unexpected UTF-8 BOM (decode using utf-8-sig)", 0));
    }
    let decoder = Decoder { text, bytes: text.as_bytes(), options };
    let start = decoder.skip_space(0);
    let result = decoder.value(vm, start).and_then(|(value, end)| {
        let end = decoder.skip_space(end);
        if end != text.len() {
            return fail("Extra data", end);
        }
        Ok(value)
    });
    match result {
        Ok(v) => Ok(v),
        Err(DecodeError::Python(e)) => Err(e),
        Err(DecodeError::Syntax(f)) => Err(decode_error(text, f.message, f.at)),
    }
}

fn parse_decode_options(args: &CallArgs<'_>, function: &str) -> PyResult<DecodeOptions> {
    let mut options = DecodeOptions::default();
    for (name, value) in args.keywords() {
        let hook = if matches!(value, Value::None) { None } else { Some(value.clone()) };
        match name {
            "object_hook" => options.object_hook = hook,
            "object_pairs_hook" => options.object_pairs_hook = hook,
            "parse_float" => options.parse_float = hook,
            "parse_int" => options.parse_int = hook,
            "parse_constant" => options.parse_constant = hook,
            "cls" => {
                if hook.is_some() {
                    return Err(PyErr::unsupported("json decoder classes (cls=)"));
                }
            }
            "strict" => {}
            other => return Err(invalid_keyword(other, function)),
        }
    }
    Ok(options)
}

/// The text of a document given as str, bytes or bytearray.
fn document_text(doc: &Value) -> PyResult<String> {
    let bytes: Vec<u8> = match underlying(doc) {
        Value::Str(s) => return Ok(s.as_str().to_owned()),
        Value::Bytes(b) => b.data.to_vec(),
        Value::ByteArray(b) => b.data.borrow().clone(),
        other => {
            return Err(PyErr::type_error(format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                type_of(other).name
            )))
        }
    };
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf".as_slice()).unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| PyErr::new(TypeId::UnicodeError, "'utf-8' codec can't decode bytes"))
}

fn json_loads(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("loads", &args, 1, 1)
        .map_err(|_| PyErr::type_error("loads() missing 1 required positional argument: 's'"))?;
    let options = parse_decode_options(&args, "loads")?;
    let text = document_text(&pos[0])?;
    decode_document(vm, &text, options)
}

fn json_load(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = positional_count("load", &args, 1, 1)
        .map_err(|_| PyErr::type_error("load() missing 1 required positional argument: 'fp'"))?;
    let options = parse_decode_options(&args, "load")?;
    let read = ops::getattr(vm, &pos[0], "read")?;
    let doc = vm.call(&read, &[])?;
    let text = document_text(&doc)?;
    decode_document(vm, &text, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(e: PyErr) -> String {
        match e.0.args().items.first() {
            Some(Value::Str(s)) => s.as_str().to_owned(),
            _ => String::new(),
        }
    }

    #[test]
    fn decode_error_positions_count_characters() {
        let e = decode_error("[\"é\", x]", "Expecting value", 7);
        assert_eq!(message(e), "Expecting value: line 1 column 7 (char 6)");
        let e = decode_error("  \n  x", "Expecting value", 5);
        assert_eq!(message(e), "Expecting value: line 2 column 3 (char 5)");
    }

    #[test]
    fn strings_escape_like_cpython() {
        let mut out = String::new();
        encode_str(&mut out, "a\"\n\u{7f}é😀\u{1}", true);
        assert_eq!(out, "\"a\\\"\\n\\u007f\\u00e9\\ud83d\\ude00\\u0001\"");
        out.clear();
        encode_str(&mut out, "é\u{1}", false);
        assert_eq!(out, "\"é\\u0001\"");
    }
}
