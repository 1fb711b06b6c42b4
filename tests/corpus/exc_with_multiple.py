# Several context managers in one with statement.
log = []

class CM:
    def __init__(self, name, fail_enter=False):
        self.name = name
        self.fail_enter = fail_enter
    def __enter__(self):
        if self.fail_enter:
            raise RuntimeError("cannot enter " + self.name)
        log.append("enter " + self.name)
        return self.name
    def __exit__(self, exc_type, exc, tb):
        log.append("exit %s (%s)" % (self.name, exc_type.__name__ if exc_type else "ok"))
        return False

with CM("a") as a, CM("b") as b, CM("c") as c:
    log.append("body %s%s%s" % (a, b, c))
print(log)

log.clear()
try:
    with CM("a"), CM("b", fail_enter=True), CM("c"):
        log.append("not reached")
except RuntimeError as e:
    log.append("caught " + str(e))
print(log)

log.clear()
try:
    with CM("outer"):
        with CM("inner"):
            raise IndexError("deep")
except IndexError:
    log.append("handled")
print(log)
