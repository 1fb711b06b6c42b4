//! `collections.namedtuple`: builds a tuple subclass with named fields, `_make`, `_asdict`,
//! `_replace`, `_fields`, `_field_defaults` and a `Point(x=1, y=2)` repr. The class is made
//! by Python source compiled when `collections` is first imported; `__new__` is generated
//! with the exact signature (so argument errors read like CPython's).

use crate::error::{PyErr, PyResult};
use crate::value::{CallArgs, PyModule, Value};
use crate::vm::Vm;

use crate::modules::support::run_python_source;

const SOURCE: &str = r#"
_KEYWORDS = frozenset(["False", "None", "True", "and", "as", "assert", "async", "await",
                       "break", "class", "continue", "def", "del", "elif", "else", "except",
                       "finally", "for", "from", "global", "if", "import", "in", "is",
                       "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
                       "while", "with", "yield"])


def _field_getter(index, name, typename):
    def getter(self):
        return self[index]
    getter.__name__ = name
    getter.__qualname__ = typename + "." + name
    return property(getter, doc="Alias for field number " + str(index))


def _build_namedtuple(typename, field_names, rename, defaults, module):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = [str(name) for name in field_names]
    typename = str(typename)
    if rename:
        seen = set()
        for index in range(len(field_names)):
            name = field_names[index]
            if (not name.isidentifier() or name in _KEYWORDS or name.startswith("_")
                    or name in seen):
                field_names[index] = "_" + str(index)
            seen.add(name)
    for name in [typename] + field_names:
        if not name.isidentifier():
            raise ValueError("Type names and field names must be valid identifiers: " + repr(name))
        if name in _KEYWORDS:
            raise ValueError("Type names and field names cannot be a keyword: " + repr(name))
    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError("Field names cannot start with an underscore: " + repr(name))
        if name in seen:
            raise ValueError("Encountered duplicate field name: " + repr(name))
        seen.add(name)

    fields = tuple(field_names)
    count = len(fields)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > count:
            raise TypeError("Got more default values than field names")
        first_default = count - len(defaults)
        for index in range(len(defaults)):
            field_defaults[fields[first_default + index]] = defaults[index]

    namespace = {"_tuple_new": tuple.__new__}
    params = ["_cls"]
    for name in fields:
        if name in field_defaults:
            namespace["_default_" + name] = field_defaults[name]
            params.append(name + "=_default_" + name)
        else:
            params.append(name)
    values = "(" + "".join([name + ", " for name in fields]) + ")"
    source = "def __new__(" + ", ".join(params) + "):\n    return _tuple_new(_cls, " + values + ")\n"
    _exec(source, namespace)
    new = namespace["__new__"]
    new.__qualname__ = typename + ".__new__"

    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != count:
            raise TypeError("Expected " + str(count) + " arguments, got " + str(len(result)))
        return result

    def _replace(self, /, **kwds):
        values = []
        for index in range(count):
            name = fields[index]
            if name in kwds:
                values.append(kwds.pop(name))
            else:
                values.append(self[index])
        if kwds:
            raise ValueError("Got unexpected field names: " + repr(list(kwds)))
        return self._make(values)

    def __repr__(self):
        parts = []
        for index in range(count):
            parts.append(fields[index] + "=" + repr(self[index]))
        return self.__class__.__name__ + "(" + ", ".join(parts) + ")"

    def _asdict(self):
        result = {}
        for index in range(count):
            result[fields[index]] = self[index]
        return result

    def __getnewargs__(self):
        return tuple(self)

    for method in (_make, _replace, __repr__, _asdict, __getnewargs__):
        method.__qualname__ = typename + "." + method.__name__

    class_namespace = {
        "__doc__": typename + "(" + ", ".join(fields) + ")",
        "__slots__": (),
        "_fields": fields,
        "_field_defaults": field_defaults,
        "__new__": new,
        "_make": classmethod(_make),
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": fields,
        "__module__": module,
    }
    for index in range(count):
        class_namespace[fields[index]] = _field_getter(index, fields[index], typename)
    return type(typename, (tuple,), class_namespace)
"#;

/// `namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`: the
/// caller's module becomes the class's `__module__` unless given.
fn namedtuple(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let (mut typename, mut field_names) = (pos.first().cloned(), pos.get(1).cloned());
    if pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "namedtuple() takes 2 positional arguments but {} were given",
            pos.len()
        )));
    }
    let (mut rename, mut defaults, mut module) = (Value::bool(false), Value::None, Value::None);
    for (name, value) in args.keywords() {
        match name {
            "typename" if typename.is_none() => typename = Some(value.clone()),
            "field_names" if field_names.is_none() => field_names = Some(value.clone()),
            "rename" => rename = value.clone(),
            "defaults" => defaults = value.clone(),
            "module" => module = value.clone(),
            other => {
                return Err(PyErr::type_error(format!("namedtuple() got an unexpected keyword argument '{other}'")))
            }
        }
    }
    let (Some(typename), Some(field_names)) = (typename, field_names) else {
        return Err(PyErr::type_error(
            "namedtuple() missing required positional arguments: 'typename' and 'field_names'",
        ));
    };
    if matches!(module, Value::None) {
        module = vm.frame.globals.get_str("__name__").unwrap_or_else(|| Value::str("__main__"));
    }
    let rename = Value::bool(crate::ops::truthy(vm, &rename)?);
    let build = builder(vm)?;
    vm.call(&build, &[typename, field_names, rename, defaults, module])
}

thread_local! {
    static BUILDER: std::cell::RefCell<Option<Value>> = const { std::cell::RefCell::new(None) };
}

/// The Python function that builds namedtuple classes (compiled on first use).
fn builder(vm: &mut Vm) -> PyResult<Value> {
    if let Some(b) = BUILDER.with(|b| b.borrow().clone()) {
        return Ok(b);
    }
    let helper = PyModule::new("collections._namedtuple");
    helper.add_function("_exec", crate::modules::support::exec_native);
    run_python_source(vm, &helper, SOURCE, "<frozen collections>")?;
    let build = helper
        .dict
        .get_str("_build_namedtuple")
        .ok_or_else(|| PyErr::runtime_error("namedtuple builder missing"))?;
    BUILDER.with(|b| *b.borrow_mut() = Some(build.clone()));
    Ok(build)
}

pub fn add_to(module: &PyModule) {
    module.add_function("namedtuple", namedtuple);
}
