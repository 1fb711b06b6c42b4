//! The `__future__` module: the feature records (`annotations`, `division`, ...) and
//! `all_feature_names`. The compiler accepts `from __future__ import <feature>` for each.

use std::rc::Rc;

use crate::error::PyResult;
use crate::objects::types::PyType;
use crate::ops;
use crate::value::{CallArgs, NativeState, PyModule, Value};
use crate::vm::Vm;

use super::support::{new_object, object_dict, self_state};

/// (name, optional release, mandatory release, compiler flag), as CPython 3.11 lists them.
type Release = (i64, i64, i64, &'static str, i64);
pub const FEATURES: &[(&str, Release, Option<Release>, i64)] = &[
    ("nested_scopes", (2, 1, 0, "beta", 1), Some((2, 2, 0, "alpha", 0)), 0x0010),
    ("generators", (2, 2, 0, "alpha", 1), Some((2, 3, 0, "final", 0)), 0),
    ("division", (2, 2, 0, "alpha", 2), Some((3, 0, 0, "alpha", 0)), 0x20000),
    ("absolute_import", (2, 5, 0, "alpha", 1), Some((3, 0, 0, "alpha", 0)), 0x40000),
    ("with_statement", (2, 5, 0, "alpha", 1), Some((2, 6, 0, "alpha", 0)), 0x80000),
    ("print_function", (2, 6, 0, "alpha", 2), Some((3, 0, 0, "alpha", 0)), 0x100000),
    ("unicode_literals", (2, 6, 0, "alpha", 2), Some((3, 0, 0, "alpha", 0)), 0x200000),
    ("barry_as_FLUFL", (3, 1, 0, "alpha", 2), Some((4, 0, 0, "alpha", 0)), 0x400000),
    ("generator_stop", (3, 5, 0, "beta", 1), Some((3, 7, 0, "alpha", 0)), 0x800000),
    ("annotations", (3, 7, 0, "beta", 1), None, 0x1000000),
];

/// The state of a `_Feature` record.
struct Feature {
    optional: Value,
    mandatory: Value,
    flag: i64,
}

impl NativeState for Feature {}

fn release_tuple(r: &Release) -> Value {
    Value::tuple(vec![Value::Int(r.0), Value::Int(r.1), Value::Int(r.2), Value::str(r.3), Value::Int(r.4)])
}

fn feature_repr(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let f = self_state::<Feature>(&args, "_Feature", "__repr__")?;
    let (optional, mandatory, flag) = (f.optional.clone(), f.mandatory.clone(), f.flag);
    let text = format!("_Feature({}, {}, {flag})", ops::repr(vm, &optional)?, ops::repr(vm, &mandatory)?);
    Ok(Value::string(text))
}

fn feature_optional(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(self_state::<Feature>(&args, "_Feature", "getOptionalRelease")?.optional.clone())
}

fn feature_mandatory(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    Ok(self_state::<Feature>(&args, "_Feature", "getMandatoryRelease")?.mandatory.clone())
}

pub fn init(_vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("__future__");
    let class = PyType::new_native(
        "_Feature",
        "__future__",
        &[
            ("__repr__", feature_repr),
            ("getOptionalRelease", feature_optional),
            ("getMandatoryRelease", feature_mandatory),
        ],
    );
    let mut names = Vec::new();
    for (name, optional, mandatory, flag) in FEATURES {
        let optional = release_tuple(optional);
        let mandatory = mandatory.as_ref().map_or(Value::None, release_tuple);
        let feature = new_object(&class, Feature { optional: optional.clone(), mandatory: mandatory.clone(), flag: *flag }, true);
        if let Some(d) = object_dict(&feature) {
            d.set_str("optional", optional);
            d.set_str("mandatory", mandatory);
            d.set_str("compiler_flag", Value::Int(*flag));
        }
        m.add(name, feature);
        names.push(Value::str(name));
    }
    m.add("all_feature_names", Value::list(names));
    for (name, flag) in [
        ("CO_NESTED", 0x0010),
        ("CO_GENERATOR_ALLOWED", 0),
        ("CO_FUTURE_DIVISION", 0x20000),
        ("CO_FUTURE_ABSOLUTE_IMPORT", 0x40000),
        ("CO_FUTURE_WITH_STATEMENT", 0x80000),
        ("CO_FUTURE_PRINT_FUNCTION", 0x100000),
        ("CO_FUTURE_UNICODE_LITERALS", 0x200000),
        ("CO_FUTURE_BARRY_AS_BDFL", 0x400000),
        ("CO_FUTURE_GENERATOR_STOP", 0x800000),
        ("CO_FUTURE_ANNOTATIONS", 0x1000000),
    ] {
        m.add(name, Value::Int(flag));
    }
    Ok(m)
}
