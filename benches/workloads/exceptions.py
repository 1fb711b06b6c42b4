# Models an exception-handling benchmark: raising and catching in hot loops.
# Stresses: raise/except of builtin and user-defined exception classes, matching
# against class hierarchies and tuples of classes, try/finally and try/else,
# bare re-raise and `raise ... from ...`, context managers (with statements whose
# __exit__ suppresses or propagates; contextlib.contextmanager and suppress),
# exceptions raised by builtins (KeyError, IndexError, ZeroDivisionError,
# ValueError from int()), exception attributes.

import contextlib

LOOPS = 150000


class AppError(Exception):
    def __init__(self, code, detail=""):
        super().__init__(code, detail)
        self.code = code


class ParseError(AppError):
    pass


class LimitError(AppError):
    pass


class Deep(LimitError):
    pass


class Guard:
    """A context manager that counts entries and suppresses AppError subclasses."""

    def __init__(self):
        self.entered = 0
        self.suppressed = 0

    def __enter__(self):
        self.entered += 1
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, AppError):
            self.suppressed += exc.code
            return True
        return False


def classify(i):
    kind = i % 6
    if kind == 0:
        raise ParseError(i % 11, "bad token")
    if kind == 1:
        raise LimitError(i % 13)
    if kind == 2:
        raise Deep(i % 17, "nested")
    if kind == 3:
        return {}[i]
    if kind == 4:
        return [1, 2, 3][i]
    return 100 // (i % 2 - i % 2)


def catch_hierarchy(loops):
    score = 0
    for i in range(loops):
        try:
            classify(i)
        except Deep as e:
            score += e.code * 3
        except (ParseError, LimitError) as e:
            score += e.code + len(e.args)
        except LookupError as e:
            score += 5 if isinstance(e, KeyError) else 7
        except ArithmeticError:
            score += 11
    return score


def finally_paths(loops):
    cleanups = 0
    results = 0
    for i in range(loops):
        try:
            try:
                if i % 3 == 0:
                    raise ValueError(i)
                results += 1
            finally:
                cleanups += 1
        except ValueError as e:
            results += e.args[0] % 3 + 2
        else:
            results += 3
    return cleanups * 10 + results


def reraise(i):
    try:
        int("x%d" % i if i % 2 else str(i))
    except ValueError:
        if i % 4 == 1:
            raise
        raise ParseError(i % 5, "wrapped") from None
    return i


def reraise_loop(loops):
    total = 0
    for i in range(loops // 2):
        try:
            total += reraise(i)
        except ParseError as e:
            total += e.code + (e.__cause__ is None) + e.__suppress_context__
        except ValueError as e:
            total += len(str(e)) + (e.__context__ is None)
    return total


def chained(loops):
    total = 0
    for i in range(loops // 4):
        try:
            try:
                raise KeyError(i)
            except KeyError as inner:
                raise LimitError(i % 9) from inner
        except LimitError as outer:
            cause = outer.__cause__
            total += outer.code + (cause.args[0] % 3 if isinstance(cause, KeyError) else 100)
    return total


def with_guard(loops):
    guard = Guard()
    escaped = 0
    for i in range(loops // 2):
        try:
            with guard:
                if i % 3 == 0:
                    raise Deep(i % 4)
                if i % 3 == 1:
                    raise IndexError(i)
        except IndexError:
            escaped += 1
    return guard.entered + guard.suppressed * 2 + escaped * 3


@contextlib.contextmanager
def transaction(journal):
    # A generator-based context manager: records commits and rollbacks.
    journal.append(1)
    try:
        yield len(journal)
    except LimitError as e:
        journal.append(-e.code)
    else:
        journal.append(2)


def contextlib_paths(loops):
    journal = []
    total = 0
    for i in range(loops // 8):
        with transaction(journal) as depth:
            if i % 2:
                raise LimitError(i % 7)
            total += depth % 3
        with contextlib.suppress(KeyError, ZeroDivisionError):
            total += {0: 5, 1: 7}[i % 3] // (i % 4)
    return total + sum(journal) + len(journal)


def lookups(loops):
    table = {k: k * k for k in range(0, 200, 3)}
    hits = misses = 0
    for i in range(loops):
        key = i % 200
        try:
            hits += table[key]
        except KeyError:
            misses += 1
    return hits % 1000003 + misses


def main():
    results = [
        catch_hierarchy(LOOPS),
        finally_paths(LOOPS),
        reraise_loop(LOOPS),
        chained(LOOPS),
        with_guard(LOOPS),
        contextlib_paths(LOOPS),
        lookups(LOOPS),
    ]
    print("results:", results)
    try:
        raise Deep(42, "final")
    except AppError as e:
        print("final:", type(e).__name__, e.args, [c.__name__ for c in type(e).__mro__])


main()
