//! The `enum` module: `Enum`, `IntEnum`, `StrEnum`, `Flag`, `IntFlag`, `auto`, `unique`
//! and the `EnumType` metaclass that turns class attributes into members. Written in Python
//! (a metaclass is class machinery) and compiled when first imported.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::value::{CallArgs, PyModule, Value};
use crate::vm::Vm;

use super::support::run_python_source;

const SOURCE: &str = r#"
__all__ = ["EnumType", "EnumMeta", "Enum", "IntEnum", "StrEnum", "Flag", "IntFlag",
           "ReprEnum", "auto", "unique"]

_NO_VALUE = object()
_function_type = type(lambda: None)


class auto:
    """Instances are replaced with an appropriate value for the member."""

    def __init__(self, value=_NO_VALUE):
        self.value = value

    def __repr__(self):
        return "auto(" + repr(self.value) + ")"


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1] != "_" and name[-2] != "_"


def _is_descriptor(value):
    if isinstance(value, (_function_type, property, classmethod, staticmethod)):
        return True
    t = type(value)
    return hasattr(t, "__get__") or hasattr(t, "__set__") or hasattr(t, "__delete__")


def _is_member_name(class_name, name):
    if _is_dunder(name) or _is_sunder(name):
        return False
    private = "_" + class_name + "__"
    return not name.startswith(private)


def _data_type(bases):
    """The builtin type (int, str, float, ...) an enum mixes in, or object."""
    for chain in bases:
        for base in chain.__mro__:
            if base is object:
                continue
            if isinstance(base, EnumType):
                continue
            if _own_attribute(base, "__new__", None) is not None or base in (int, str, float, tuple, bytes):
                return base
    return object


class EnumType(type):
    """Metaclass for Enum: members, lookup by value and name, iteration, len."""

    def __new__(metacls, cls, bases, classdict, boundary=None, _simple=False, **kwds):
        enum_bases = [b for b in bases if isinstance(b, EnumType)]
        for base in enum_bases:
            if base._member_names_:
                raise TypeError("<enum " + repr(cls) + "> cannot extend " + repr(base))
        member_items = []
        if enum_bases:
            for key in list(classdict):
                value = classdict[key]
                if _is_member_name(cls, key) and not _is_descriptor(value):
                    member_items.append((key, value))
        data_type = _data_type(bases)
        enum_class = type.__new__(metacls, cls, bases, classdict, **kwds)
        type.__setattr__(enum_class, "_member_names_", [])
        type.__setattr__(enum_class, "_member_map_", {})
        type.__setattr__(enum_class, "__members__", enum_class._member_map_)
        type.__setattr__(enum_class, "_value2member_map_", {})
        type.__setattr__(enum_class, "_member_type_", data_type)
        if not enum_bases:
            return enum_class
        custom_init = None
        for klass in enum_class.__mro__:
            init = _own_attribute(klass, "__init__", None)
            if init is not None and klass not in (object, int, str, float):
                if klass.__module__ != "enum":
                    custom_init = init
                break
        generate = getattr(enum_class, "_generate_next_value_")
        last_values = []
        for index, (name, value) in enumerate(member_items):
            if isinstance(value, auto):
                if value.value is _NO_VALUE:
                    value.value = generate(name, 1, index, list(last_values))
                value = value.value
            elif isinstance(value, tuple) and any([isinstance(v, auto) for v in value]):
                parts = []
                for v in value:
                    if isinstance(v, auto):
                        if v.value is _NO_VALUE:
                            v.value = generate(name, 1, index, list(last_values))
                        v = v.value
                    parts.append(v)
                value = tuple(parts)
            last_values.append(value)
            enum_class._add_member_(name, value, data_type, custom_init)
        return enum_class

    def _add_member_(cls, name, value, data_type, custom_init):
        args = value if isinstance(value, tuple) else (value,)
        if data_type is object:
            member = object.__new__(cls)
            member_value = value
        else:
            if data_type is tuple:
                member = tuple.__new__(cls, args)
            else:
                member = data_type.__new__(cls, *args)
            member_value = data_type(*args) if not isinstance(value, data_type) else value
        member._name_ = name
        member._value_ = member_value
        if custom_init is not None:
            custom_init(member, *args)
            if "_value_" in member.__dict__:
                member_value = member._value_
        # An alias: the same value as an earlier member.
        for existing_name in cls._member_names_:
            existing = cls._member_map_[existing_name]
            if existing._value_ == member_value:
                cls._member_map_[name] = existing
                type.__setattr__(cls, name, existing)
                return
        cls._member_names_.append(name)
        cls._member_map_[name] = member
        type.__setattr__(cls, name, member)
        _set_if_hashable(cls._value2member_map_, member_value, member)

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if names is None:
            return cls._lookup_(value)
        return cls._create_(value, names, module=module, type=type, start=start)

    def _lookup_(cls, value):
        if isinstance(value, cls):
            return value
        found = _get_if_hashable(cls._value2member_map_, value, _NO_VALUE)
        if found is not _NO_VALUE:
            return found
        for member in cls._member_map_.values():
            if member._value_ == value:
                return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is not None:
            raise TypeError("error in " + cls.__name__ + "._missing_: returned " + repr(result) + " instead of None or a valid member")
        raise ValueError(repr(value) + " is not a valid " + cls.__qualname__)

    def _create_(cls, class_name, names, *, module=None, type=None, start=1):
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        if isinstance(names, dict):
            pairs = list(names.items())
        else:
            names = list(names)
            if names and isinstance(names[0], str):
                pairs = []
                for index, name in enumerate(names):
                    pairs.append((name, cls._generate_next_value_(name, start, index, [v for _, v in pairs])))
            else:
                pairs = [tuple(item) for item in names]
        bases = (cls,) if type is None else (type, cls)
        classdict = {}
        for name, value in pairs:
            classdict[name] = value
        classdict["__module__"] = module if module is not None else "__main__"
        metacls = builtins_type(cls)
        return metacls.__new__(metacls, class_name, bases, classdict)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '" + builtins_type(member).__qualname__ + "' and '" + builtins_type(cls).__qualname__ + "'")
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __iter__(cls):
        return iter([cls._member_map_[name] for name in cls._member_names_])

    def __reversed__(cls):
        return iter([cls._member_map_[name] for name in reversed(cls._member_names_)])

    def __len__(cls):
        return len(cls._member_names_)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __bool__(cls):
        return True

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag " + repr(cls.__name__) + ">"
        return "<enum " + repr(cls.__name__) + ">"

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get("_member_map_", {})
        if name in member_map:
            raise AttributeError("cannot reassign member " + repr(name))
        type.__setattr__(cls, name, value)

    def __delattr__(cls, name):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError(cls.__name__ + ": cannot delete Enum member " + repr(name) + ".")
        type.__delattr__(cls, name)


EnumMeta = EnumType
builtins_type = type
Flag = None


class Enum(metaclass=EnumType):
    """Base class for enumerations: members are instances with .name and .value."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        last = last_values[-1]
        highest = max(last_values)
        return highest + 1 if highest == last else last + 1

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        value_repr = self._member_type_.__repr__ if self._member_type_ is not object else repr
        return "<" + type(self).__name__ + "." + str(self._name_) + ": " + value_repr(self._value_) + ">"

    def __str__(self):
        return type(self).__name__ + "." + str(self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_


class ReprEnum(Enum):
    """An enum whose str() and format() are those of its mixed-in type."""


class IntEnum(int, ReprEnum):
    """An enum whose members are also ints."""

    def __str__(self):
        return int.__repr__(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)


class StrEnum(str, ReprEnum):
    """An enum whose members are also strs."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __str__(self):
        return str.__str__(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)


class Flag(Enum):
    """Members combine with | & ^ ~; iteration yields the single-bit members."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        high = max(last_values)
        bit = 1
        while bit <= high:
            bit = bit * 2
        return bit

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        all_bits = 0
        for m in cls._member_map_.values():
            all_bits |= m._value_
        if value < 0 or value & ~all_bits:
            return None
        names = []
        for name in cls._member_names_:
            m = cls._member_map_[name]
            if m._value_ and m._value_ & value == m._value_ and _is_single_bit(m._value_):
                names.append(name)
        data_type = cls._member_type_
        if data_type is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = data_type.__new__(cls, value)
        pseudo._name_ = "|".join(names) if names else None
        pseudo._value_ = value
        cls._value2member_map_[value] = pseudo
        return pseudo

    def __repr__(self):
        value_repr = self._member_type_.__repr__ if self._member_type_ is not object else repr
        if self._name_ is None:
            return "<" + type(self).__name__ + ": " + value_repr(self._value_) + ">"
        return "<" + type(self).__name__ + "." + self._name_ + ": " + value_repr(self._value_) + ">"

    def __str__(self):
        if self._name_ is None:
            return type(self).__name__ + "(" + repr(self._value_) + ")"
        return type(self).__name__ + "." + self._name_

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': '" + type(other).__qualname__ + "' and '" + self.__class__.__qualname__ + "'")
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter([m for m in type(self) if m._value_ & self._value_ == m._value_ and m._value_])

    def __len__(self):
        return len(list(self.__iter__()))

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is not object and isinstance(other, self._member_type_):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ | other)

    def __and__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is not object and isinstance(other, self._member_type_):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ & other)

    def __xor__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif self._member_type_ is not object and isinstance(other, self._member_type_):
            pass
        else:
            return NotImplemented
        return self.__class__(self._value_ ^ other)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        all_bits = 0
        for m in type(self)._member_map_.values():
            all_bits |= m._value_
        return self.__class__(all_bits & ~self._value_)


def _is_single_bit(value):
    return value > 0 and value & (value - 1) == 0


class IntFlag(int, ReprEnum, Flag):
    """A Flag whose members are also ints."""

    def __str__(self):
        return int.__repr__(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)


def unique(enumeration):
    """Class decorator: ValueError when an enumeration has aliases."""
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        details = ", ".join([alias + " -> " + name for alias, name in duplicates])
        raise ValueError("duplicate values found in " + repr(enumeration) + ": " + details)
    return enumeration
"#;

/// `_get_if_hashable(mapping, key, default)`: `mapping[key]`, or `default` when the key is
/// missing or unhashable.
fn get_if_hashable(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    match args.args {
        [Value::Dict(d), key, default] => Ok(d.get(key).ok().flatten().unwrap_or_else(|| default.clone())),
        _ => Err(PyErr::type_error("_get_if_hashable(mapping, key, default)")),
    }
}

/// `_set_if_hashable(mapping, key, value)`: store unless the key is unhashable.
fn set_if_hashable(_vm: &mut Vm, args: CallArgs<'_>) -> PyResult<Value> {
    match args.args {
        [Value::Dict(d), key, value] => {
            let _ = d.set(key.clone(), value.clone());
            Ok(Value::None)
        }
        _ => Err(PyErr::type_error("_set_if_hashable(mapping, key, value)")),
    }
}

pub fn init(vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("enum");
    m.add_function("_get_if_hashable", get_if_hashable);
    m.add_function("_set_if_hashable", set_if_hashable);
    m.add_function("_own_attribute", super::support::own_attribute);
    run_python_source(vm, &m, SOURCE, "<frozen enum>")?;
    Ok(m)
}
