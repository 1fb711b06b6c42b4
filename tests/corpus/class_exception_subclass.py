# User exception classes: hierarchies, custom __init__/__str__, attributes, raising classes.
class AppError(Exception):
    """Base error."""


class NotFound(AppError):
    def __init__(self, what, where="db"):
        super().__init__(what)
        self.what = what
        self.where = where

    def __str__(self):
        return f"{self.what} not found in {self.where}"


class Retryable(AppError):
    retries = 3


for exc in [NotFound("user"), Retryable("slow"), AppError("generic", 1)]:
    try:
        raise exc
    except NotFound as e:
        print("NotFound:", e, e.args, e.where, isinstance(e, AppError))
    except AppError as e:
        print(type(e).__name__ + ":", e, e.args, getattr(e, "retries", None))
try:
    raise Retryable
except AppError as e:
    print(repr(e), e.retries, type(e).__mro__[1].__name__)
print(issubclass(NotFound, Exception), AppError.__doc__, repr(NotFound("x")))
raise NotFound("config", where="disk")
