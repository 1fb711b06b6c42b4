//! The `contextlib` module: `contextmanager` (a generator function as a context manager),
//! `suppress`, `nullcontext`, `closing`, `redirect_stdout`/`redirect_stderr`, `ExitStack`,
//! `ContextDecorator` and `AbstractContextManager`. Written in Python (they are ordinary
//! classes driving generators and `__exit__` calls) and compiled when first imported.

use std::rc::Rc;

use crate::error::PyResult;
use crate::value::PyModule;
use crate::vm::Vm;

use super::support::run_python_source;

const SOURCE: &str = r#"
import sys as _sys
from functools import wraps as _wraps


class AbstractContextManager:
    """Base class for context managers: __enter__ returns self."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        return None


class ContextDecorator:
    """Lets a context manager be used as a function decorator too."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @_wraps(func)
        def run_inside(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return run_inside


class _GeneratorContextManager(ContextDecorator, AbstractContextManager):
    """The context manager a @contextmanager function returns: drives one generator."""

    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func = func
        self.args = args
        self.kwds = kwds
        doc = getattr(func, "__doc__", None)
        self.__doc__ = type(self).__doc__ if doc is None else doc

    def _recreate_cm(self):
        return self.__class__(self.func, self.args, self.kwds)

    def __enter__(self):
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            self.gen.throw(value)
        except StopIteration as stopped:
            # The generator caught the exception and finished: suppress it, unless the
            # exception thrown in was that very StopIteration.
            return stopped is not value
        except RuntimeError as err:
            if err is value:
                return False
            if isinstance(value, StopIteration) and err.__cause__ is value:
                return False
            raise
        except BaseException as err:
            if err is not value:
                raise
            return False
        raise RuntimeError("generator didn't stop after throw()")


def contextmanager(func):
    """Decorator: a generator function that yields once becomes a context manager factory."""
    @_wraps(func)
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return helper


class closing(AbstractContextManager):
    """Calls thing.close() when the block exits."""

    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class nullcontext(AbstractContextManager):
    """A context manager that does nothing; __enter__ returns enter_result."""

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass


class suppress(AbstractContextManager):
    """Suppresses the listed exception types raised in the block."""

    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)


class _RedirectStream(AbstractContextManager):
    _stream = None

    def __init__(self, new_target):
        self._new_target = new_target
        self._saved = []

    def __enter__(self):
        self._saved.append(getattr(_sys, self._stream))
        setattr(_sys, self._stream, self._new_target)
        return self._new_target

    def __exit__(self, exctype, excinst, exctb):
        setattr(_sys, self._stream, self._saved.pop())


class redirect_stdout(_RedirectStream):
    """Temporarily sends sys.stdout to another file-like object."""
    _stream = "stdout"


class redirect_stderr(_RedirectStream):
    """Temporarily sends sys.stderr to another file-like object."""
    _stream = "stderr"


class ExitStack(AbstractContextManager):
    """Runs registered exit callbacks (last registered first) when the block exits."""

    def __init__(self):
        self._exit_callbacks = []

    def pop_all(self):
        moved = type(self)()
        moved._exit_callbacks = self._exit_callbacks
        self._exit_callbacks = []
        return moved

    def push(self, exit):
        exit_method = getattr(type(exit), "__exit__", None)
        if exit_method is None:
            self._exit_callbacks.append(exit)
        else:
            self._exit_callbacks.append(lambda et, ev, tb: exit_method(exit, et, ev, tb))
        return exit

    def enter_context(self, cm):
        cls = type(cm)
        enter = getattr(cls, "__enter__", None)
        exit_method = getattr(cls, "__exit__", None)
        if enter is None or exit_method is None:
            raise TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does "
                            f"not support the context manager protocol")
        result = enter(cm)
        self._exit_callbacks.append(lambda et, ev, tb: exit_method(cm, et, ev, tb))
        return result

    def callback(self, callback, /, *args, **kwds):
        def call_it(exc_type, exc, tb):
            callback(*args, **kwds)
        call_it.__wrapped__ = callback
        self._exit_callbacks.append(call_it)
        return callback

    def close(self):
        self.__exit__(None, None, None)

    def __exit__(self, exc_type, exc, tb):
        received = exc_type is not None
        # The exception being handled around this call: Python chains anything raised in a
        # callback to it, so the link is redirected to the exception the callback saw.
        outer = _sys.exc_info()[1]
        suppressed = False
        pending = None
        while self._exit_callbacks:
            callback = self._exit_callbacks.pop()
            try:
                if callback(exc_type, exc, tb):
                    suppressed = True
                    pending = None
                    exc_type = exc = tb = None
            except BaseException as raised:
                link = raised
                while True:
                    context = link.__context__
                    if context is None or context is exc:
                        break
                    if context is outer:
                        link.__context__ = exc
                        break
                    link = context
                pending = raised
                exc_type, exc, tb = type(raised), raised, raised.__traceback__
        if pending is not None:
            context = pending.__context__
            try:
                raise pending
            finally:
                pending.__context__ = context
        return received and suppressed
"#;

pub fn init(vm: &mut Vm) -> PyResult<Rc<PyModule>> {
    let m = PyModule::new("contextlib");
    run_python_source(vm, &m, SOURCE, "<frozen contextlib>")?;
    Ok(m)
}
