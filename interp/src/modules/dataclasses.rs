//! The `dataclasses` module: `@dataclass` reads a class's `__annotations__` in order and
//! adds `__init__`, `__repr__`, `__eq__`, ordering, hashing and frozen-instance methods;
//! `field`, `fields`, `asdict`, `astuple`, `replace`, `is_dataclass`, `make_dataclass`.
//! Written in Python and compiled when first imported; the methods it adds are generated as
//! Python source with exact signatures (so argument errors read like CPython's) and compiled
//! by the `_exec` native.

use std::rc::Rc;

use crate::error::PyResult;
use crate::value::PyModule;
use crate::vm::Vm;

use super::support::{exec_native, run_python_source};

const SOURCE: &str = r#"
import sys as _sys

__all__ = ["dataclass", "field", "Field", "FrozenInstanceError", "InitVar", "KW_ONLY",
           "MISSING", "fields", "asdict", "astuple", "make_dataclass", "replace",
           "is_dataclass"]


class FrozenInstanceError(AttributeError):
    pass


class _MISSING_TYPE:
    def __repr__(self):
        return "<dataclasses._MISSING_TYPE object>"


MISSING = _MISSING_TYPE()


class _KW_ONLY_TYPE:
    def __repr__(self):
        return "<dataclasses._KW_ONLY_TYPE object>"


KW_ONLY = _KW_ONLY_TYPE()


class _FieldKind:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FieldKind("_FIELD")
_FIELD_CLASSVAR = _FieldKind("_FIELD_CLASSVAR")
_FIELD_INITVAR = _FieldKind("_FIELD_INITVAR")


class InitVar:
    def __init__(self, type):
        self.type = type

    def __repr__(self):
        t = self.type
        name = t.__name__ if isinstance(t, type) else repr(t)
        return "dataclasses.InitVar[" + name + "]"

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ("Field(name=" + repr(self.name) + ",type=" + repr(self.type) +
                ",default=" + repr(self.default) + ",default_factory=" + repr(self.default_factory) +
                ",init=" + repr(self.init) + ",repr=" + repr(self.repr) + ",hash=" + repr(self.hash) +
                ",compare=" + repr(self.compare) + ",metadata=" + repr(self.metadata) +
                ",kw_only=" + repr(self.kw_only) + ",_field_type=" + repr(self._field_type) + ")")


class _DataclassParams:
    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ("_DataclassParams(init=" + repr(self.init) + ",repr=" + repr(self.repr) +
                ",eq=" + repr(self.eq) + ",order=" + repr(self.order) +
                ",unsafe_hash=" + repr(self.unsafe_hash) + ",frozen=" + repr(self.frozen) + ")")


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    """Describe one field of a dataclass."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _typing_name(annotation, names):
    """True when an annotation is typing.<one of names> (subscripted or not, or as text)."""
    if isinstance(annotation, str):
        for n in names:
            if annotation == n or annotation.startswith(n + "[") or annotation == "typing." + n or annotation.startswith("typing." + n + "["):
                return True
        return False
    typing = _sys.modules.get("typing")
    if typing is None:
        return False
    if type(annotation) is getattr(typing, "_GenericAlias", None):
        return getattr(annotation, "_name", None) in names
    return False


def _is_initvar(annotation):
    if annotation is InitVar or isinstance(annotation, InitVar):
        return True
    if isinstance(annotation, str):
        return annotation.startswith("InitVar") or annotation.startswith("dataclasses.InitVar")
    return False


def _is_kw_only(annotation):
    if annotation is KW_ONLY:
        return True
    return isinstance(annotation, str) and annotation in ("KW_ONLY", "dataclasses.KW_ONLY")


def _get_field(cls, name, annotation, default_kw_only):
    default = cls.__dict__.get(name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = name
    f.type = annotation
    f._field_type = _FIELD
    if _typing_name(annotation, ("ClassVar",)):
        f._field_type = _FIELD_CLASSVAR
    elif _is_initvar(annotation):
        f._field_type = _FIELD_INITVAR
    if f._field_type is not _FIELD:
        if f.default_factory is not MISSING:
            raise TypeError("field " + name + " cannot have a default factory")
    if f._field_type is _FIELD_CLASSVAR:
        f.kw_only = False
    elif f.kw_only is MISSING:
        f.kw_only = default_kw_only
    if f._field_type is _FIELD and f.default is not MISSING:
        if isinstance(f.default, (list, dict, set)) or type(f.default).__hash__ is None:
            raise ValueError("mutable default " + repr(type(f.default)) + " for field " + name +
                             " is not allowed: use default_factory")
    return f


def _set_new_attribute(cls, name, value):
    if name in cls.__dict__:
        return True
    setattr(cls, name, value)
    return False


def _make_function(cls, name, source, namespace):
    _exec(source, namespace)
    fn = namespace[name]
    fn.__qualname__ = cls.__qualname__ + "." + name
    return fn


def _field_default_name(f):
    return "__dataclass_dflt_" + f.name + "__"


def _init_source(fields, std_fields, kw_fields, frozen, has_post_init, namespace):
    params = ["self"]
    for f in std_fields:
        params.append(_init_param(f, namespace))
    if kw_fields:
        params.append("*")
        for f in kw_fields:
            params.append(_init_param(f, namespace))
    lines = []
    for f in fields:
        line = _field_init(f, frozen, namespace)
        if line:
            lines.append(line)
    if has_post_init:
        initvars = [f.name for f in fields if f._field_type is _FIELD_INITVAR]
        lines.append("self.__post_init__(" + ", ".join(initvars) + ")")
    if not lines:
        lines = ["pass"]
    return "def __init__(" + ", ".join(params) + "):\n" + "".join(["    " + l + "\n" for l in lines])


def _init_param(f, namespace):
    if f.default is not MISSING:
        namespace[_field_default_name(f)] = f.default
        return f.name + "=" + _field_default_name(f)
    if f.default_factory is not MISSING:
        return f.name + "=__dataclass_HAS_DEFAULT_FACTORY__"
    return f.name


def _field_init(f, frozen, namespace):
    if f.default_factory is not MISSING:
        factory = "__dataclass_factory_" + f.name + "__"
        namespace[factory] = f.default_factory
        if f.init:
            value = factory + "() if " + f.name + " is __dataclass_HAS_DEFAULT_FACTORY__ else " + f.name
        else:
            value = factory + "()"
    elif f.init:
        if f._field_type is _FIELD_INITVAR:
            return None
        value = f.name
    elif f.default is not MISSING:
        namespace[_field_default_name(f)] = f.default
        value = _field_default_name(f)
    else:
        return None
    if f._field_type is _FIELD_INITVAR:
        return None
    if frozen:
        return "__dataclass_object_setattr__(self, " + repr(f.name) + ", " + value + ")"
    return "self." + f.name + " = " + value


def _tuple_source(names, obj):
    if not names:
        return "()"
    return "(" + ", ".join([obj + "." + n for n in names]) + ",)"


class _HasDefaultFactory:
    def __repr__(self):
        return "<factory>"


_HAS_DEFAULT_FACTORY = _HasDefaultFactory()


def _process_class(cls, init, repr_, eq, order, unsafe_hash, frozen, match_args, kw_only, slots):
    fields = {}
    setattr(cls, "__dataclass_params__", _DataclassParams(init, repr_, eq, order, unsafe_hash, frozen))

    any_frozen_base = False
    has_dataclass_bases = False
    for base in cls.__mro__[-1:0:-1]:
        base_fields = _own_attribute(base, "__dataclass_fields__", None)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                fields[f.name] = f
            if _own_attribute(base, "__dataclass_params__", None).frozen:
                any_frozen_base = True

    annotations = cls.__dict__.get("__annotations__", {})
    own_fields = []
    kw_only_now = kw_only
    seen_kw_only = False
    for name in annotations:
        annotation = annotations[name]
        if _is_kw_only(annotation):
            if seen_kw_only:
                raise TypeError(repr(name) + " is KW_ONLY, but KW_ONLY has already been specified")
            seen_kw_only = True
            kw_only_now = True
            continue
        own_fields.append(_get_field(cls, name, annotation, kw_only_now))
    for f in own_fields:
        fields[f.name] = f
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name in list(cls.__dict__):
        value = cls.__dict__[name]
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(repr(name) + " is a field but has no type annotation")

    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError("cannot inherit non-frozen dataclass from a frozen one")
        if not any_frozen_base and frozen:
            raise TypeError("cannot inherit frozen dataclass from a non-frozen one")

    setattr(cls, "__dataclass_fields__", fields)

    class_hash = cls.__dict__.get("__hash__", MISSING)
    has_explicit_hash = not (class_hash is MISSING or (class_hash is None and "__eq__" in cls.__dict__))

    all_init_fields = [f for f in fields.values() if f._field_type is _FIELD or f._field_type is _FIELD_INITVAR]
    std_init_fields = [f for f in all_init_fields if f.init and not f.kw_only]
    kw_init_fields = [f for f in all_init_fields if f.init and f.kw_only]

    if init:
        seen_default = False
        for f in std_init_fields:
            if f.default is MISSING and f.default_factory is MISSING:
                if seen_default:
                    raise TypeError("non-default argument " + repr(f.name) + " follows default argument")
            else:
                seen_default = True
        namespace = {
            "__dataclass_HAS_DEFAULT_FACTORY__": _HAS_DEFAULT_FACTORY,
            "__dataclass_object_setattr__": object.__setattr__,
        }
        source = _init_source(all_init_fields, std_init_fields, kw_init_fields, frozen,
                              hasattr(cls, "__post_init__"), namespace)
        _set_new_attribute(cls, "__init__", _make_function(cls, "__init__", source, namespace))

    field_list = [f for f in fields.values() if f._field_type is _FIELD]

    if repr_:
        shown = [f for f in field_list if f.repr]
        parts = []
        for i, f in enumerate(shown):
            sep = "" if i == 0 else ", "
            parts.append(repr(sep + f.name + "=") + " + repr(self." + f.name + ")")
        body = " + ".join(["self.__class__.__qualname__", repr("(")] + parts + [repr(")")])
        source = "def __repr__(self):\n    return " + body + "\n"
        _set_new_attribute(cls, "__repr__", _make_function(cls, "__repr__", source, {}))

    compared = [f.name for f in field_list if f.compare]
    if eq:
        source = ("def __eq__(self, other):\n"
                  "    if other.__class__ is self.__class__:\n"
                  "        return " + _tuple_source(compared, "self") + " == " + _tuple_source(compared, "other") + "\n"
                  "    return NotImplemented\n")
        _set_new_attribute(cls, "__eq__", _make_function(cls, "__eq__", source, {}))

    if order:
        for name, op in (("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")):
            source = ("def " + name + "(self, other):\n"
                      "    if other.__class__ is self.__class__:\n"
                      "        return " + _tuple_source(compared, "self") + " " + op + " " + _tuple_source(compared, "other") + "\n"
                      "    return NotImplemented\n")
            if _set_new_attribute(cls, name, _make_function(cls, name, source, {})):
                raise TypeError("Cannot overwrite attribute " + name + " in class " + cls.__name__ +
                                ". Consider using functools.total_ordering")

    if frozen:
        field_names = tuple([f.name for f in fields.values()])
        namespace = {"cls": cls, "FrozenInstanceError": FrozenInstanceError, "__dataclass_fields__": field_names}
        source = ("def __setattr__(self, name, value):\n"
                  "    if type(self) is cls or name in __dataclass_fields__:\n"
                  "        raise FrozenInstanceError('cannot assign to field ' + repr(name))\n"
                  "    super(cls, self).__setattr__(name, value)\n")
        if _set_new_attribute(cls, "__setattr__", _make_function(cls, "__setattr__", source, namespace)):
            raise TypeError("Cannot overwrite attribute __setattr__ in class " + cls.__name__)
        source = ("def __delattr__(self, name):\n"
                  "    if type(self) is cls or name in __dataclass_fields__:\n"
                  "        raise FrozenInstanceError('cannot delete field ' + repr(name))\n"
                  "    super(cls, self).__delattr__(name)\n")
        if _set_new_attribute(cls, "__delattr__", _make_function(cls, "__delattr__", source, namespace)):
            raise TypeError("Cannot overwrite attribute __delattr__ in class " + cls.__name__)

    hashed = [f.name for f in field_list if (f.compare if f.hash is None else f.hash)]
    hash_source = "def __hash__(self):\n    return hash(" + _tuple_source(hashed, "self") + ")\n"
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError("Cannot overwrite attribute __hash__ in class " + cls.__name__)
        cls.__hash__ = _make_function(cls, "__hash__", hash_source, {})
    elif eq and frozen:
        if not has_explicit_hash:
            cls.__hash__ = _make_function(cls, "__hash__", hash_source, {})
    elif eq:
        if not has_explicit_hash:
            cls.__hash__ = None

    if match_args:
        _set_new_attribute(cls, "__match_args__", tuple([f.name for f in std_init_fields]))

    if "__doc__" not in cls.__dict__ or cls.__dict__["__doc__"] is None:
        cls.__doc__ = cls.__name__ + "(" + ", ".join([f.name for f in all_init_fields]) + ")"
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False):
    """Add generated special methods to a class from its annotated fields."""

    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots)

    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    """The fields of a dataclass (type or instance) as a tuple, in definition order."""
    all_fields = getattr(class_or_instance, "__dataclass_fields__", None)
    if all_fields is None:
        raise TypeError("must be called with a dataclass type or instance")
    return tuple([f for f in all_fields.values() if f._field_type is _FIELD])


def _is_dataclass_instance(obj):
    return hasattr(type(obj), "__dataclass_fields__")


def is_dataclass(obj):
    """True for a dataclass or an instance of one."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, "__dataclass_fields__")


def asdict(obj, *, dict_factory=dict):
    """The fields of a dataclass instance as a dict, recursing into dataclasses, lists,
    tuples and dicts."""
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        result = []
        for f in fields(obj):
            result.append((f.name, _asdict_inner(getattr(obj, f.name), dict_factory)))
        return dict_factory(result)
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, dict):
        return type(obj)([(_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory)) for k, v in obj.items()])
    return _copy(obj)


def astuple(obj, *, tuple_factory=tuple):
    """The field values of a dataclass instance as a tuple, recursively."""
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, dict):
        return type(obj)([(_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory)) for k, v in obj.items()])
    return _copy(obj)


def _copy(obj):
    copy = _sys.modules.get("copy")
    if copy is None:
        return obj
    return copy.deepcopy(obj)


def replace(obj, /, **changes):
    """A new instance of obj's dataclass with some fields replaced."""
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in obj.__dataclass_fields__.values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError("field " + f.name + " is declared with init=False, it cannot be specified with replace()")
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError("InitVar " + repr(f.name) + " must be specified with replace()")
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, init=True, repr=True,
                   eq=True, order=False, unsafe_hash=False, frozen=False, match_args=True,
                   kw_only=False, slots=False):
    """Create a dataclass from a list of field names, (name, type) or (name, type, Field)."""
    namespace = {} if namespace is None else dict(namespace)
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            name, tp = item, "typing.Any"
        elif len(item) == 2:
            name, tp = item
        else:
            name, tp, spec = item
            namespace[name] = spec
        annotations[name] = tp
    namespace["__annotations__"] = annotations
    cls = type(cls_name, bases, namespace)
    return dataclass(cls, init=init, repr=repr, eq=eq, order=order, unsafe_hash=unsafe_hash,
                     frozen=frozen, match_args=match_args, kw_only=kw_only, slots=slots)
"#;

pub fn init(vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("dataclasses");
    m.add_function("_exec", exec_native);
    m.add_function("_own_attribute", super::support::own_attribute);
    run_python_source(vm, &m, SOURCE, "<frozen dataclasses>")?;
    Ok(m)
}
