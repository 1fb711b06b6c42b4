//! Where an instance keeps its attributes: values stored inline, in the order of names its
//! class shares among all its instances (`PyType::instance_keys`), or, once that layout no
//! longer fits, a real `__dict__`. See ARCHITECTURE "Instances: shared keys and inline values".

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use crate::error::PyResult;
use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::objects::types::{next_type_version, PyType};
use crate::value::{PyObject, Value};

/// The most names a class shares among its instances (CPython's limit too); an instance that
/// adds a name past it moves its attributes to a dict.
pub const MAX_SHARED_KEYS: usize = 30;

/// The attribute storage of one instance.
pub enum InstanceAttrs {
    /// Instances without a `__dict__` (`__slots__` only, Rust-implemented types).
    NoDict,
    /// `values[i]` is the attribute named `instance_keys[i]` of the instance's class: the
    /// instance set its attributes in that order, and the values are a prefix of the names
    /// (no gaps: a deleted attribute moves the instance to `Dict`).
    Inline(Vec<Value>),
    /// A real dict: after `__dict__` was asked for, an attribute was deleted, the class was
    /// reassigned, or the instance added names in an order its class's keys do not have.
    Dict(Rc<PyDict>),
}

impl InstanceAttrs {
    /// The storage a new instance of `cls` starts with: inline values with room for every name
    /// its class has shared so far (instances usually set the same names), or none.
    pub fn new_for(cls: &PyType) -> RefCell<InstanceAttrs> {
        RefCell::new(if cls.instance_dict {
            InstanceAttrs::Inline(Vec::with_capacity(cls.instance_keys.borrow().len()))
        } else {
            InstanceAttrs::NoDict
        })
    }
}

/// Position of `name` among the first `len` shared names of a class.
#[inline]
pub fn shared_key_index(keys: &[Rc<PyStr>], len: usize, name: &str) -> Option<usize> {
    keys[..len.min(keys.len())].iter().position(|k| k.as_str() == name)
}

impl PyObject {
    /// True if instances of this object's class carry a `__dict__` (inline or real).
    pub fn has_dict(&self) -> bool {
        !matches!(*self.attrs.borrow(), InstanceAttrs::NoDict)
    }

    /// The instance `__dict__`, making it a real dict first if its values were inline (from
    /// then on the dict is where the attributes live, so writes to it are attribute writes);
    /// `None` for instances without one.
    pub fn dict(&self) -> Option<Rc<PyDict>> {
        if let InstanceAttrs::Dict(d) = &*self.attrs.borrow() {
            return Some(d.clone());
        }
        self.materialize_dict()
    }

    /// The `Dict` form of inline attributes (a no-op for the other forms); returns the dict.
    fn materialize_dict(&self) -> Option<Rc<PyDict>> {
        let cls = self.class.borrow();
        let mut attrs = self.attrs.borrow_mut();
        let values = match &mut *attrs {
            InstanceAttrs::NoDict => return None,
            InstanceAttrs::Dict(d) => return Some(d.clone()),
            InstanceAttrs::Inline(values) => std::mem::take(values),
        };
        let dict = Rc::new(PyDict::new());
        let keys = cls.instance_keys.borrow();
        for (name, value) in keys.iter().zip(values) {
            // A str key never runs Python code, so this cannot fail.
            let _ = dict.set_str_key(name, value);
        }
        *attrs = InstanceAttrs::Dict(dict.clone());
        Some(dict)
    }

    /// The instance attribute `name` (not looking at the class), if set.
    pub fn get_attr(&self, name: &str, hash: i64) -> Option<Value> {
        match &*self.attrs.borrow() {
            InstanceAttrs::Inline(values) => {
                let cls = self.class.borrow();
                let keys = cls.instance_keys.borrow();
                shared_key_index(&keys, values.len(), name).map(|i| values[i].clone())
            }
            InstanceAttrs::Dict(d) => d.get_str_hashed(name, hash),
            InstanceAttrs::NoDict => None,
        }
    }

    /// True if the instance itself has an attribute `name`.
    pub fn has_attr(&self, name: &str, hash: i64) -> bool {
        self.get_attr(name, hash).is_some()
    }

    /// Set the instance attribute `name` (`interned`: the same name as a str object, when the
    /// caller has one). `Err(value)` for instances without a `__dict__`.
    pub fn set_attr(&self, name: &str, interned: Option<&Rc<PyStr>>, value: Value) -> Result<PyResult<()>, Value> {
        let key = || interned.cloned().unwrap_or_else(|| Rc::new(PyStr::new(name.to_owned())));
        let old = {
            let cls = self.class.borrow();
            let mut attrs = self.attrs.borrow_mut();
            match &mut *attrs {
                InstanceAttrs::NoDict => return Err(value),
                InstanceAttrs::Dict(d) => {
                    let d = d.clone();
                    drop(attrs);
                    drop(cls);
                    return Ok(d.set_str_key(&key(), value).map(|_| ()));
                }
                InstanceAttrs::Inline(values) => {
                    let mut keys = cls.instance_keys.borrow_mut();
                    let same = |k: &Rc<PyStr>| interned.is_some_and(|n| Rc::ptr_eq(k, n)) || k.as_str() == name;
                    match keys.iter().position(same) {
                        Some(i) if i < values.len() => Some(std::mem::replace(&mut values[i], value)),
                        Some(i) if i == values.len() => {
                            values.push(value);
                            None
                        }
                        None if values.len() == keys.len() && keys.len() < MAX_SHARED_KEYS => {
                            // A new shared name: attribute caches that found the name absent
                            // from the class's instances (a class attribute no instance
                            // shadows) were filled under the old tag.
                            keys.push(key());
                            cls.version.set(next_type_version());
                            values.push(value);
                            None
                        }
                        // Another order than the shared names, or too many names.
                        _ => {
                            drop(keys);
                            drop(attrs);
                            drop(cls);
                            let dict = self.materialize_dict().expect("inline attributes become a dict");
                            return Ok(dict.set_str_key(&key(), value).map(|_| ()));
                        }
                    }
                }
            }
        };
        drop(old);
        Ok(Ok(()))
    }

    /// The instance attributes as (name, value) pairs, in their order, without turning inline
    /// values into a dict.
    pub fn attr_items(&self) -> Vec<(Value, Value)> {
        match &*self.attrs.borrow() {
            InstanceAttrs::Inline(values) => {
                let cls = self.class.borrow();
                let keys = cls.instance_keys.borrow();
                keys.iter().zip(values).map(|(k, v)| (Value::Str(k.clone()), v.clone())).collect()
            }
            InstanceAttrs::Dict(d) => d.items(),
            InstanceAttrs::NoDict => Vec::new(),
        }
    }

    /// Set an attribute given as a dict item (`copy`): a str key goes through `set_attr`, any
    /// other key makes the attributes a dict. Nothing happens for instances without a
    /// `__dict__`.
    pub fn set_attr_item(&self, key: Value, value: Value) -> PyResult<()> {
        match &key {
            Value::Str(name) => self.set_attr(name.as_str(), Some(name), value).unwrap_or(Ok(())),
            _ => match self.dict() {
                Some(d) => d.set(key, value),
                None => Ok(()),
            },
        }
    }

    /// Delete the instance attribute `name`: `Ok(true)` if it was there, `Ok(false)` if not,
    /// `Err(())` for instances without a `__dict__`.
    pub fn delete_attr(&self, name: &str) -> Result<PyResult<bool>, ()> {
        let Some(dict) = self.dict() else { return Err(()) };
        Ok(dict.remove(&Value::str(name)).map(|old| old.is_some()))
    }

    /// The attribute storage, for the attribute caches' hit paths.
    #[inline(always)]
    pub fn attrs(&self) -> Ref<'_, InstanceAttrs> {
        self.attrs.borrow()
    }

    /// Before the class changes (`__class__` assignment): inline values are laid out by the
    /// old class's names, so they become a dict.
    pub fn detach_from_class_keys(&self) {
        self.materialize_dict();
    }
}
