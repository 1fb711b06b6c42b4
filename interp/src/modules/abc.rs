//! The `abc` module: `ABCMeta` (abstract methods, `register`, `__subclasshook__`-driven
//! `isinstance`/`issubclass`), `ABC` and `abstractmethod`. Written in Python (it is a
//! metaclass built on the class machinery) and compiled when first imported.

use std::rc::Rc;

use crate::error::PyResult;
use crate::value::PyModule;
use crate::vm::Vm;

use super::support::run_python_source;

const SOURCE: &str = r#"
_abstract_functions = []


def _is_abstract(value):
    if getattr(value, "__isabstractmethod__", False):
        return True
    for f in _abstract_functions:
        if f is value:
            return True
    inner = getattr(value, "__func__", None)
    if inner is not None and inner is not value:
        return _is_abstract(inner)
    fget = getattr(value, "fget", None)
    if fget is not None and isinstance(value, property):
        return _is_abstract(fget)
    return False


def abstractmethod(funcobj):
    """Mark a method abstract: classes with abstract methods cannot be instantiated."""
    _abstract_functions.append(funcobj)
    return funcobj


class ABCMeta(type):
    """Metaclass for abstract base classes."""

    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = type.__new__(mcls, name, bases, namespace, **kwargs)
        abstracts = set()
        for key in namespace:
            if _is_abstract(namespace[key]):
                abstracts.add(key)
        for base in bases:
            for key in getattr(base, "__abstractmethods__", ()):
                if _is_abstract(getattr(cls, key, None)):
                    abstracts.add(key)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._abc_registry = []
        return cls

    def register(cls, subclass):
        """Register a virtual subclass of this ABC."""
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        cls._abc_registry.append(subclass)
        return subclass

    def __call__(cls, *args, **kwargs):
        abstracts = getattr(cls, "__abstractmethods__", ())
        if abstracts:
            names = sorted(abstracts)
            word = "method" if len(names) == 1 else "methods"
            raise TypeError("Can't instantiate abstract class " + cls.__name__ + " with abstract " + word + " " + ", ".join(names))
        return type.__call__(cls, *args, **kwargs)

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("issubclass() arg 1 must be a class")
        if cls in subclass.__mro__:
            return True
        hook = getattr(cls, "__subclasshook__", None)
        if hook is not None:
            ok = hook(subclass)
            if ok is not NotImplemented:
                return bool(ok)
        for registered in cls._abc_registry:
            if registered is subclass or issubclass(subclass, registered):
                return True
        for child in cls.__subclasses__():
            if child is not subclass and issubclass(subclass, child):
                return True
        return False


class ABC(metaclass=ABCMeta):
    """Helper class: derive from ABC to get ABCMeta as the metaclass."""

    @classmethod
    def __subclasshook__(cls, subclass):
        return NotImplemented


def get_cache_token():
    return 0
"#;

pub fn init(vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("abc");
    run_python_source(vm, &m, SOURCE, "<frozen abc>")?;
    Ok(m)
}
