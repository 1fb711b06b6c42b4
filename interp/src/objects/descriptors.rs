//! The builtin descriptor types `property`, `staticmethod` and `classmethod`, and `super`:
//! their constructors, `__get__`/`__set__` behaviour and attributes. Their instances are
//! `Value::Object`s whose native state is one of the structs below.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::instance::descr_get;
use crate::objects::types::{builtin_type, type_of, MethodTable, PyType, TypeId};
use crate::value::{CallArgs, NativeState, PyObject, Value};
use crate::vm::Vm;

/// State of a `property`.
pub struct PropertyState {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
    /// The attribute name, set by `__set_name__` (for error messages).
    pub name: RefCell<Value>,
}

impl NativeState for PropertyState {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.fget);
        visit(&self.fset);
        visit(&self.fdel);
        visit(&self.doc);
        if let Ok(name) = self.name.try_borrow() {
            visit(&name);
        }
    }
}

/// State of a `staticmethod` or `classmethod`: the wrapped callable.
pub struct WrappedFunction {
    pub func: RefCell<Value>,
}

impl NativeState for WrappedFunction {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(func) = self.func.try_borrow() {
            visit(&func);
        }
    }
    fn clear(&self) {
        let taken = self.func.try_borrow_mut().map(|mut f| std::mem::replace(&mut *f, Value::None));
        drop(taken);
    }
}

/// State of a `super` object.
pub struct SuperState {
    /// The class whose successors on the MRO are searched.
    pub this_class: Rc<PyType>,
    /// The bound instance or class (`Value::None` for unbound super).
    pub obj: Value,
    /// The type whose MRO is searched: `type(obj)`, or `obj` itself when it is a subclass.
    pub obj_type: Option<Rc<PyType>>,
}

impl NativeState for SuperState {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.obj);
    }
}

fn make(id: TypeId, state: Box<dyn NativeState>) -> Value {
    crate::gc::tracked(Value::Object(Rc::new(PyObject {
        class: RefCell::new(builtin_type(id)),
        attrs: RefCell::new(crate::objects::instance_attrs::InstanceAttrs::NoDict),
        slots: RefCell::new(Vec::new()),
        base_value: Value::Null,
        native: Some(state),
    })))
}

/// Methods of the descriptor types.
pub fn methods_of(id: TypeId) -> MethodTable {
    match id {
        TypeId::Property => &[
            ("getter", property_getter),
            ("setter", property_setter),
            ("deleter", property_deleter),
            ("__get__", descriptor_get_native),
            ("__set__", property_set_native),
            ("__delete__", property_delete_native),
            ("__set_name__", property_set_name),
        ],
        TypeId::StaticMethod | TypeId::ClassMethod => &[("__get__", descriptor_get_native)],
        _ => &[],
    }
}

fn property_state(o: &PyObject) -> Option<&PropertyState> {
    o.native_ref::<PropertyState>()
}

/// The function inside a `staticmethod` object.
pub fn static_function(o: &PyObject) -> Option<Value> {
    if o.class.borrow().builtin != Some(TypeId::StaticMethod) {
        return None;
    }
    o.native_ref::<WrappedFunction>().map(|w| w.func.borrow().clone())
}

/// A new `staticmethod(func)` / `classmethod(func)`.
pub fn wrap_function(id: TypeId, func: Value) -> Value {
    make(id, Box::new(WrappedFunction { func: RefCell::new(func) }))
}

/// True if `v` is a staticmethod or classmethod object.
pub fn is_wrapper(v: &Value, id: TypeId) -> bool {
    matches!(v, Value::Object(o) if o.class.borrow().builtin == Some(id))
}

/// `__get__` of property, staticmethod and classmethod (`obj` is `Value::Null` for class access).
pub fn builtin_descr_get(vm: &mut Vm, o: &Rc<PyObject>, obj: &Value, cls: &Rc<PyType>) -> PyResult<Value> {
    if let Some(p) = property_state(o) {
        if matches!(obj, Value::Null) {
            return Ok(Value::Object(o.clone()));
        }
        if matches!(p.fget, Value::None) {
            return Err(PyErr::attribute_error(match &*p.name.borrow() {
                Value::Str(n) => format!("property '{}' of '{}' object has no getter", n.as_str(), type_of(obj).name),
                _ => format!("property of '{}' object has no getter", type_of(obj).name),
            }));
        }
        let fget = p.fget.clone();
        return vm.call(&fget, std::slice::from_ref(obj));
    }
    let Some(w) = o.native_ref::<WrappedFunction>() else { return Ok(Value::Object(o.clone())) };
    let func = w.func.borrow().clone();
    match o.class.borrow().builtin {
        Some(TypeId::ClassMethod) => {
            Ok(Value::Method(Rc::new(crate::value::PyMethod { func, self_value: Value::Type(cls.clone()) })))
        }
        _ => Ok(func),
    }
}

/// Assigning (`Some`) or deleting (`None`) through a property.
pub fn property_set(vm: &mut Vm, o: &Rc<PyObject>, obj: &Value, _name: &str, value: Option<Value>) -> PyResult<()> {
    let Some(p) = property_state(o) else { return Err(PyErr::attribute_error("can't set attribute")) };
    let pname = match &*p.name.borrow() {
        Value::Str(n) => format!("property '{}'", n.as_str()),
        _ => "property".to_owned(),
    };
    match value {
        Some(v) => {
            if matches!(p.fset, Value::None) {
                return Err(PyErr::attribute_error(format!("{pname} of '{}' object has no setter", type_of(obj).name)));
            }
            let f = p.fset.clone();
            vm.call(&f, &[obj.clone(), v]).map(|_| ())
        }
        None => {
            if matches!(p.fdel, Value::None) {
                return Err(PyErr::attribute_error(format!("{pname} of '{}' object has no deleter", type_of(obj).name)));
            }
            let f = p.fdel.clone();
            vm.call(&f, std::slice::from_ref(obj)).map(|_| ())
        }
    }
}

/// Attributes of descriptor and super objects (`fget`, `__func__`, `__thisclass__`, ...).
pub fn builtin_object_attr(o: &PyObject, name: &str) -> Option<Value> {
    if let Some(p) = property_state(o) {
        return match name {
            "fget" => Some(p.fget.clone()),
            "fset" => Some(p.fset.clone()),
            "fdel" => Some(p.fdel.clone()),
            "__doc__" => Some(p.doc.clone()),
            "__isabstractmethod__" => Some(Value::bool(false)),
            _ => None,
        };
    }
    if let Some(w) = o.native_ref::<WrappedFunction>() {
        return match name {
            "__func__" | "__wrapped__" => Some(w.func.borrow().clone()),
            "__isabstractmethod__" => Some(Value::bool(false)),
            _ => None,
        };
    }
    if let Some(s) = o.native_ref::<SuperState>() {
        return match name {
            "__thisclass__" => Some(Value::Type(s.this_class.clone())),
            "__self__" => Some(s.obj.clone()),
            "__self_class__" => Some(s.obj_type.as_ref().map_or(Value::None, |t| Value::Type(t.clone()))),
            _ => None,
        };
    }
    None
}

/// The repr of descriptor and super objects; `None` for other objects.
pub fn builtin_object_repr(vm: &mut Vm, o: &PyObject) -> Option<PyResult<String>> {
    if let Some(w) = o.native_ref::<WrappedFunction>() {
        let kind = match o.class.borrow().builtin {
            Some(TypeId::ClassMethod) => "classmethod",
            _ => "staticmethod",
        };
        let func = w.func.borrow().clone();
        return Some(crate::ops::repr(vm, &func).map(|r| format!("<{kind}({r})>")));
    }
    if let Some(s) = o.native_ref::<SuperState>() {
        let this = format!("<class '{}'>", s.this_class.name);
        return Some(match &s.obj {
            Value::None => Ok(format!("<super: {this}, NULL>")),
            obj => Ok(format!("<super: {this}, <{} object>>", type_of(obj).name)),
        });
    }
    None
}

fn self_object<'a>(args: &'a CallArgs<'_>, what: &str) -> PyResult<&'a Rc<PyObject>> {
    match args.args.first() {
        Some(Value::Object(o)) => Ok(o),
        _ => Err(PyErr::type_error(format!("descriptor '{what}' requires a 'property' object"))),
    }
}

fn property_copy(args: &CallArgs<'_>, which: usize, name: &str) -> PyResult<Value> {
    let o = self_object(args, name)?;
    let Some(p) = property_state(o) else { return Err(PyErr::type_error("not a property")) };
    let [f] = crate::objects::args::positional::<1>(("property", name), args, 1)?;
    let f = f.cloned().unwrap_or(Value::None);
    let mut parts = [p.fget.clone(), p.fset.clone(), p.fdel.clone()];
    parts[which] = f;
    let [fget, fset, fdel] = parts;
    let doc = p.doc.clone();
    let cls = o.class();
    Ok(Value::Object(Rc::new(PyObject {
        class: RefCell::new(cls),
        attrs: RefCell::new(crate::objects::instance_attrs::InstanceAttrs::NoDict),
        slots: RefCell::new(Vec::new()),
        base_value: Value::Null,
        native: Some(Box::new(PropertyState { fget, fset, fdel, doc, name: RefCell::new(p.name.borrow().clone()) })),
    })))
}

fn property_getter(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    property_copy(&args, 0, "getter")
}

fn property_setter(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    property_copy(&args, 1, "setter")
}

fn property_deleter(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    property_copy(&args, 2, "deleter")
}

fn property_set_name(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let o = self_object(&args, "__set_name__")?;
    if let (Some(p), Some(name)) = (property_state(o), args.args.get(2)) {
        *p.name.borrow_mut() = name.clone();
    }
    Ok(Value::None)
}

/// `descr.__get__(obj, type=None)` for property, staticmethod and classmethod.
fn descriptor_get_native(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let o = self_object(&args, "__get__")?.clone();
    let obj = args.args.get(1).cloned().unwrap_or(Value::None);
    let cls = match args.args.get(2) {
        Some(Value::Type(t)) => t.clone(),
        _ => type_of(&obj),
    };
    let obj = if matches!(obj, Value::None) { Value::Null } else { obj };
    builtin_descr_get(vm, &o, &obj, &cls)
}

fn property_set_native(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let o = self_object(&args, "__set__")?.clone();
    let [obj, value] = crate::objects::args::positional::<2>("property.__set__", &args, 2)?;
    let (obj, value) = (obj.cloned().unwrap_or(Value::None), value.cloned().unwrap_or(Value::None));
    property_set(vm, &o, &obj, "", Some(value))?;
    Ok(Value::None)
}

fn property_delete_native(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    let o = self_object(&args, "__delete__")?.clone();
    let [obj] = crate::objects::args::positional::<1>("property.__delete__", &args, 1)?;
    let obj = obj.cloned().unwrap_or(Value::None);
    property_set(vm, &o, &obj, "", None)?;
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------------------
// Constructors.

/// `property(fget=None, fset=None, fdel=None, doc=None)`.
pub fn property_new(_vm: &mut Vm, cls: &Rc<PyType>, args: CallArgs<'_>) -> PyResult<Value> {
    let sig = crate::builtins::args::Signature {
        name: "property",
        params: &["fget", "fset", "fdel", "doc"],
        positional: 4,
        required: 0,
        positional_only: 0,
    };
    let [fget, fset, fdel, doc]: [Option<&Value>; 4] = crate::builtins::args::parse(&args, &sig)?;
    let get = |v: Option<&Value>| v.cloned().unwrap_or(Value::None);
    let state = PropertyState {
        fget: get(fget),
        fset: get(fset),
        fdel: get(fdel),
        doc: get(doc),
        name: RefCell::new(Value::None),
    };
    Ok(Value::Object(Rc::new(PyObject {
        class: RefCell::new(cls.clone()),
        attrs: crate::objects::instance_attrs::InstanceAttrs::new_for(&cls),
        slots: RefCell::new(Vec::new()),
        base_value: Value::Null,
        native: Some(Box::new(state)),
    })))
}

/// `staticmethod(f)` / `classmethod(f)`.
pub fn wrapper_new(id: TypeId, args: CallArgs<'_>) -> PyResult<Value> {
    let name = id.name();
    crate::builtins::args::no_kwargs(name, &args)?;
    match args.positional() {
        [f] => Ok(wrap_function(id, f.clone())),
        other => Err(PyErr::type_error(format!("{name} expected 1 argument, got {}", other.len()))),
    }
}

/// `super()` (reading the calling frame's first argument and `__class__` cell) and
/// `super(type, obj)`.
pub fn super_new(vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    crate::builtins::args::no_kwargs("super", &args)?;
    let (this_class, obj) = match args.positional() {
        [] => zero_arg_super(vm)?,
        [Value::Type(t)] => (t.clone(), Value::None),
        [Value::Type(t), obj] => (t.clone(), obj.clone()),
        [other, ..] if args.positional().len() <= 2 => {
            return Err(PyErr::type_error(format!(
                "super() argument 1 must be a type, not {}",
                type_of(other).name
            )))
        }
        other => return Err(PyErr::type_error(format!("super() takes at most 2 arguments ({} given)", other.len()))),
    };
    let obj_type = match &obj {
        Value::None => None,
        Value::Type(t) if t.is_subtype_of(&this_class) => Some(t.clone()),
        other => {
            let t = type_of(other);
            if !t.is_subtype_of(&this_class) {
                return Err(PyErr::type_error("super(type, obj): obj must be an instance or subtype of type"));
            }
            Some(t)
        }
    };
    Ok(make(TypeId::Super, Box::new(SuperState { this_class, obj, obj_type })))
}

fn zero_arg_super(vm: &mut Vm) -> PyResult<(Rc<PyType>, Value)> {
    let code = vm.frame.code.clone();
    let base = vm.frame.base;
    if code.argcount == 0 && code.flags & crate::bytecode::code::flags::VARARGS == 0 {
        return Err(PyErr::runtime_error("super(): no arguments"));
    }
    let cell_base = base + code.cell_base();
    let first = match code.cell_params.iter().find(|(_, param)| *param == 0) {
        Some(&(cell, _)) => match vm.stack.get(cell_base + cell as usize) {
            Some(Value::Cell(c)) => c.value.borrow().clone(),
            _ => Value::Null,
        },
        None => vm.stack.get(base).cloned().unwrap_or(Value::Null),
    };
    let first = match first {
        Value::Tuple(t) if code.argcount == 0 => t.items.first().cloned().unwrap_or(Value::Null),
        other => other,
    };
    if matches!(first, Value::Null) {
        return Err(PyErr::runtime_error("super(): arg[0] deleted"));
    }
    let Some(j) = code.freevars.iter().position(|n| &**n == "__class__") else {
        return Err(PyErr::runtime_error("super(): __class__ cell not found"));
    };
    let slot = cell_base + code.cellvars.len() + j;
    let class = match vm.stack.get(slot) {
        Some(Value::Cell(c)) => c.value.borrow().clone(),
        _ => Value::Null,
    };
    match class {
        Value::Type(t) => Ok((t, first)),
        Value::Null => Err(PyErr::runtime_error("super(): empty __class__ cell")),
        _ => Err(PyErr::runtime_error("super(): __class__ is not a type")),
    }
}

/// Attribute lookup on a super object: the MRO of the bound type after `this_class`.
/// `hash` is `name`'s str hash.
pub fn super_getattr(vm: &mut Vm, o: &Rc<PyObject>, name: &str, hash: i64) -> Option<PyResult<Value>> {
    let s = o.native_ref::<SuperState>()?;
    if name == "__class__" {
        return None;
    }
    let start = s.obj_type.clone()?;
    let mut after = start.mro().skip_while(|t| !Rc::ptr_eq(t, &s.this_class));
    // `this_class` itself (absent from the MRO: nothing is found).
    after.next()?;
    for t in after {
        if let Some(v) = t.dict.get_str_hashed(name, hash) {
            let obj = match &s.obj {
                Value::Type(t) if Rc::ptr_eq(t, &start) => Value::Null,
                other => other.clone(),
            };
            return Some(descr_get(vm, &v, &obj, &start));
        }
    }
    None
}
