//! The parts of `functools` written in Python (compiled when `functools` is first imported):
//! `cached_property`, `partialmethod`, `singledispatch` and `singledispatchmethod`. They are
//! descriptors and closures over registries, so Python is the natural language for them.

use crate::error::PyResult;
use crate::value::PyModule;
use crate::vm::Vm;

use super::support::run_python_source;

const SOURCE: &str = r#"
_MISSING = object()


class cached_property:
    """A property computed once per instance, then stored in the instance's __dict__."""

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError("Cannot assign the same cached_property to two different names "
                            f"({self.attrname!r} and {name!r}).")

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError("Cannot use cached_property instance without calling "
                            "__set_name__ on it.")
        try:
            cache = instance.__dict__
        except AttributeError:
            raise TypeError(f"No '__dict__' attribute on {type(instance).__name__!r} "
                            f"instance to cache {self.attrname!r} property.") from None
        value = cache.get(self.attrname, _MISSING)
        if value is _MISSING:
            value = self.func(instance)
            cache[self.attrname] = value
        return value


def _is_plain_function(func):
    return type(func).__name__ == "function"


class partialmethod:
    """Like partial, but a descriptor: the instance is passed before the stored arguments."""

    def __init__(self, func, /, *args, **keywords):
        if not callable(func) and not hasattr(type(func), "__get__"):
            raise TypeError(f"{func!r} is not callable or a descriptor")
        if isinstance(func, partialmethod):
            self.func = func.func
            self.args = func.args + args
            self.keywords = {**func.keywords, **keywords}
        else:
            self.func = func
            self.args = args
            self.keywords = keywords

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(repr(a) for a in self.args)
        parts.extend(f"{k}={v!r}" for k, v in self.keywords.items())
        return f"{type(self).__module__}.{type(self).__qualname__}({', '.join(parts)})"

    def __get__(self, obj, cls=None):
        func = self.func
        binder = getattr(type(func), "__get__", None)
        if binder is not None and not _is_plain_function(func):
            bound = binder(func, obj, cls)
            if bound is not func:
                return partial(bound, *self.args, **self.keywords)
        if obj is None:
            stored_args, stored_keywords = self.args, self.keywords

            def unbound(cls_or_self, /, *args, **keywords):
                return func(cls_or_self, *stored_args, *args, **{**stored_keywords, **keywords})
            return unbound
        return partial(func, obj, *self.args, **self.keywords)


def singledispatch(func):
    """Turns func into a function dispatching on the class of its first argument."""
    registry = {}
    dispatch_cache = {}

    def dispatch(cls):
        try:
            return dispatch_cache[cls]
        except KeyError:
            pass
        impl = None
        for base in cls.__mro__:
            if base in registry and base is not object:
                impl = registry[base]
                break
        if impl is None:
            # Classes that are not in the MRO but are superclasses by registration (ABCs).
            for registered, candidate in registry.items():
                if registered is not object and issubclass(cls, registered):
                    impl = candidate
                    break
            else:
                impl = registry[object]
        dispatch_cache[cls] = impl
        return impl

    def register(cls, func=None):
        if func is None:
            if isinstance(cls, type):
                return lambda f: register(cls, f)
            annotations = {k: v for k, v in getattr(cls, "__annotations__", {}).items()
                           if k != "return"}
            if not annotations:
                raise TypeError(
                    f"Invalid first argument to `register()`: {cls!r}. "
                    "Use either `@register(some_class)` or plain `@register` "
                    "on an annotated function."
                )
            func = cls
            argname, cls = next(iter(annotations.items()))
            if not isinstance(cls, type):
                raise TypeError(f"Invalid annotation for {argname!r}. {cls!r} is not a class.")
        elif not isinstance(cls, type):
            raise TypeError(f"Invalid first argument to `register()`. "
                            f"{cls!r} is not a class or union type.")
        registry[cls] = func
        dispatch_cache.clear()
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError(f"{funcname} requires at least 1 positional argument")
        return dispatch(args[0].__class__)(*args, **kw)

    funcname = getattr(func, "__name__", "singledispatch function")
    registry[object] = func
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    wrapper._clear_cache = dispatch_cache.clear
    update_wrapper(wrapper, func)
    return wrapper


class singledispatchmethod:
    """singledispatch for methods: dispatches on the first argument after self."""

    def __init__(self, func):
        if not callable(func) and not hasattr(type(func), "__get__"):
            raise TypeError(f"{func!r} is not callable or a descriptor")
        self.dispatcher = singledispatch(func)
        self.func = func

    def register(self, cls, method=None):
        return self.dispatcher.register(cls, func=method)

    def __get__(self, obj, cls=None):
        dispatcher = self.dispatcher

        def method(*args, **kwargs):
            impl = dispatcher.dispatch(args[0].__class__)
            if obj is None:
                return impl(*args, **kwargs)
            return impl(obj, *args, **kwargs)
        method.register = self.register
        update_wrapper(method, self.func)
        return method
"#;

/// Add the Python-written parts to the `functools` module `m` (which already holds
/// `partial` and `update_wrapper`, used by this source).
pub fn add_python_parts(vm: &mut Vm, m: &PyModule) -> PyResult<()> {
    run_python_source(vm, m, SOURCE, "<frozen functools>")
}
