# User-defined exception classes: attributes, args, str and repr.
class AppError(Exception):
    pass

class HttpError(AppError):
    def __init__(self, status, message):
        super().__init__("%d %s" % (status, message))
        self.status = status
        self.message = message

class NoSuper(Exception):
    def __init__(self, a, b):
        self.total = a + b

try:
    raise HttpError(404, "Not Found")
except AppError as e:
    print(type(e).__name__, e.status, e.message)
    print(str(e), "|", repr(e), "|", e.args)
    print(isinstance(e, HttpError), isinstance(e, Exception), isinstance(e, KeyError))

e = NoSuper(2, 3)
print(e.total, e.args, str(e), repr(e))

e = AppError()
print(repr(e), str(e) == "", e.args)
e = AppError("a", 1)
print(repr(e), str(e))

e.extra = [1, 2]
e.extra.append(3)
print(e.extra, e.__dict__)

try:
    raise AppError
except AppError as caught:
    print("raised the class:", repr(caught))

print(HttpError.__mro__[1].__name__, HttpError.__mro__[2].__name__)
print(issubclass(HttpError, AppError), issubclass(AppError, HttpError))
