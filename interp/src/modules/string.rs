//! The `string` module: the character-class constants, `capwords`, and `Template` (`$name`,
//! `${name}` and `$$` substitution with CPython's errors).

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::modules::support::{new_object, object_dict, self_state};
use crate::objects::dict::PyDict;
use crate::ops;
use crate::value::{CallArgs, NativeFn, NativeState, PyModule, Value};
use crate::vm::Vm;

const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const WHITESPACE: &str = " \t\n\r\x0b\x0c";

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("string");
    m.add("ascii_lowercase", Value::str(LOWER));
    m.add("ascii_uppercase", Value::str(UPPER));
    m.add("ascii_letters", Value::string(format!("{LOWER}{UPPER}")));
    m.add("digits", Value::str(DIGITS));
    m.add("hexdigits", Value::str("0123456789abcdefABCDEF"));
    m.add("octdigits", Value::str("01234567"));
    m.add("punctuation", Value::str(PUNCTUATION));
    m.add("whitespace", Value::str(WHITESPACE));
    m.add("printable", Value::string(format!("{DIGITS}{LOWER}{UPPER}{PUNCTUATION}{WHITESPACE}")));
    m.add_function("capwords", capwords);
    m.add("Template", Value::Type(template_type()));
    Ok(m)
}

/// `capwords(s, sep=None)`: split, capitalize each word, join.
fn capwords(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    use crate::modules::pyargs::{bind, PySignature};
    let sig = PySignature { name: "capwords", params: &["s", "sep"], positional: 2, required: 1, self_offset: 0 };
    let [s, sep] = bind::<2>(&args, &sig)?;
    let s = s.unwrap_or(&Value::None);
    let sep = sep.cloned().unwrap_or(Value::None);
    let split = ops::getattr(vm, s, "split")?;
    let words = vm.call(&split, std::slice::from_ref(&sep))?;
    let words = ops::collect(vm, &words)?;
    let mut capitalized = Vec::with_capacity(words.len());
    for w in &words {
        let method = ops::getattr(vm, w, "capitalize")?;
        capitalized.push(vm.call(&method, &[])?);
    }
    let joiner = match sep {
        Value::None => Value::str(" "),
        other => {
            if ops::truthy(vm, &other)? {
                other
            } else {
                Value::str(" ")
            }
        }
    };
    let join = ops::getattr(vm, &joiner, "join")?;
    vm.call(&join, &[Value::list(capitalized)])
}

// ---------------------------------------------------------------------------------------------
// Template

struct Template {
    text: Rc<str>,
}

impl NativeState for Template {}

crate::native_type!(template_type, "Template", "string", &[
    ("__new__", template_new as NativeFn),
    ("substitute", template_substitute as NativeFn),
    ("safe_substitute", template_safe_substitute as NativeFn),
    ("get_identifiers", template_get_identifiers as NativeFn),
    ("is_valid", template_is_valid as NativeFn),
]);

fn template_new(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let class = match args.args.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => template_type(),
    };
    let pos = args.positional().get(1..).unwrap_or(&[]);
    let template = match (pos, args.kwarg("template")) {
        ([t], None) | ([], Some(t)) => t.clone(),
        ([], None) => return Err(PyErr::type_error("Template.__init__() missing 1 required positional argument: 'template'")),
        _ => {
            return Err(PyErr::type_error(format!(
                "Template.__init__() takes 2 positional arguments but {} were given",
                pos.len() + 1
            )))
        }
    };
    let text: Rc<str> = match &template {
        Value::Str(s) => Rc::from(s.as_str()),
        _ => Rc::from(""),
    };
    let obj = new_object(&class, Template { text }, true);
    if let Some(dict) = object_dict(&obj) {
        dict.set_str("template", template);
    }
    Ok(obj)
}

/// One piece of a parsed template.
enum Piece<'t> {
    Literal(&'t str),
    Escaped,
    Named(&'t str),
    /// An invalid placeholder at this byte offset.
    Invalid(usize),
}

fn is_identifier_start(c: u8) -> bool {
    c == b'_' || c.is_ascii_alphabetic()
}

fn identifier_len(rest: &[u8]) -> usize {
    if rest.first().is_some_and(|&c| is_identifier_start(c)) {
        rest.iter().take_while(|&&c| c == b'_' || c.is_ascii_alphanumeric()).count()
    } else {
        0
    }
}

/// Split a template into literal text and placeholders.
fn parse_template(text: &str) -> Vec<Piece<'_>> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut literal_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        if literal_start < i {
            pieces.push(Piece::Literal(&text[literal_start..i]));
        }
        let rest = &bytes[i + 1..];
        if rest.first() == Some(&b'$') {
            pieces.push(Piece::Escaped);
            i += 2;
        } else if rest.first() == Some(&b'{') {
            let n = identifier_len(&rest[1..]);
            if n > 0 && rest.get(1 + n) == Some(&b'}') {
                pieces.push(Piece::Named(&text[i + 2..i + 2 + n]));
                i += 3 + n;
            } else {
                pieces.push(Piece::Invalid(i));
                i += 1;
            }
        } else {
            let n = identifier_len(rest);
            if n > 0 {
                pieces.push(Piece::Named(&text[i + 1..i + 1 + n]));
                i += 1 + n;
            } else {
                pieces.push(Piece::Invalid(i));
                i += 1;
            }
        }
        literal_start = i;
        if let Some(Piece::Invalid(_)) = pieces.last() {
            // The `$` itself stays in the output of safe_substitute.
            literal_start = i - 1;
        }
    }
    if literal_start < bytes.len() {
        pieces.push(Piece::Literal(&text[literal_start..]));
    }
    pieces
}

fn invalid_placeholder(text: &str, offset: usize) -> PyErr {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = match before.rfind('\n') {
        Some(nl) => before[nl + 1..].chars().count() + 1,
        None => before.chars().count() + 1,
    };
    PyErr::value_error(format!("Invalid placeholder in string: line {line}, col {column}"))
}

/// The mapping a substitution reads: the positional mapping overlaid with keyword arguments.
fn substitution_mapping(vm: &mut Vm, args: &CallArgs<'_>, method: &str) -> PyResult<Value> {
    let pos = args.positional();
    if pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "Template.{method}() takes from 1 to 2 positional arguments but {} were given",
            pos.len()
        )));
    }
    let keywords: Vec<(&str, &Value)> = args.keywords().collect();
    match (pos.get(1), keywords.is_empty()) {
        (Some(m), true) => Ok(m.clone()),
        (base, _) => {
            let merged = Rc::new(PyDict::new());
            for (k, v) in keywords {
                merged.set_str(k, v.clone());
            }
            match base {
                None => Ok(Value::Dict(merged)),
                Some(m) => {
                    // ChainMap(kws, mapping): keywords win.
                    let out = Rc::new(PyDict::new());
                    let keys = ops::collect(vm, m)?;
                    for k in keys {
                        let v = ops::getitem(vm, m, &k)?;
                        out.set(k, v)?;
                    }
                    for (k, v) in merged.items() {
                        out.set(k, v)?;
                    }
                    Ok(Value::Dict(out))
                }
            }
        }
    }
}

fn substitute_impl(vm: &mut Vm, args: CallArgs<'_>, safe: bool) -> PyResult<Value> {
    let method = if safe { "safe_substitute" } else { "substitute" };
    let text = self_state::<Template>(&args, "Template", method)?.text.clone();
    let mapping = substitution_mapping(vm, &args, method)?;
    let mut out = String::with_capacity(text.len());
    for piece in parse_template(&text) {
        match piece {
            Piece::Literal(s) => out.push_str(s),
            Piece::Escaped => out.push('$'),
            Piece::Invalid(offset) => {
                if !safe {
                    return Err(invalid_placeholder(&text, offset));
                }
            }
            Piece::Named(name) => match ops::getitem(vm, &mapping, &Value::str(name)) {
                Ok(v) => out.push_str(&ops::to_str(vm, &v)?),
                Err(e) if safe && e.matches(crate::objects::types::TypeId::KeyError) => {
                    let original = text_of_placeholder(&text, name);
                    out.push_str(original);
                }
                Err(e) => return Err(e),
            },
        }
    }
    Ok(Value::string(out))
}

/// How placeholder `name` was written (`$name` or `${name}`), for safe_substitute.
fn text_of_placeholder<'t>(text: &'t str, name: &str) -> &'t str {
    // Reconstructed from the parse: braced forms keep their braces.
    let braced = format!("${{{name}}}");
    if let Some(pos) = text.find(&braced) {
        return &text[pos..pos + braced.len()];
    }
    let plain = format!("${name}");
    match text.find(&plain) {
        Some(pos) => &text[pos..pos + plain.len()],
        None => "",
    }
}

fn template_substitute(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    substitute_impl(vm, args, false)
}

fn template_safe_substitute(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    substitute_impl(vm, args, true)
}

fn template_get_identifiers(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let text = self_state::<Template>(&args, "Template", "get_identifiers")?.text.clone();
    let mut names: Vec<&str> = Vec::new();
    for piece in parse_template(&text) {
        match piece {
            Piece::Named(n) if !names.contains(&n) => names.push(n),
            Piece::Invalid(offset) => return Err(invalid_placeholder(&text, offset)),
            _ => {}
        }
    }
    Ok(Value::list(names.into_iter().map(Value::str).collect()))
}

fn template_is_valid(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let text = self_state::<Template>(&args, "Template", "is_valid")?.text.clone();
    Ok(Value::bool(!parse_template(&text).iter().any(|p| matches!(p, Piece::Invalid(_)))))
}
