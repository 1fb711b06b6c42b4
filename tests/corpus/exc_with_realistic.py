# Realistic context managers: a transaction and an indented logger.
class Database:
    def __init__(self):
        self.rows = {}
        self.pending = None
    def transaction(self):
        return Transaction(self)

class Transaction:
    def __init__(self, db):
        self.db = db
    def __enter__(self):
        self.db.pending = dict(self.db.rows)
        return self.db.pending
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.db.rows = self.db.pending
            print("commit", sorted(self.db.rows.items()))
        else:
            print("rollback because %s: %s" % (exc_type.__name__, exc))
        self.db.pending = None
        return exc_type is not None and issubclass(exc_type, ValueError)

db = Database()
with db.transaction() as rows:
    rows["alice"] = 10
    rows["bob"] = 5

with db.transaction() as rows:
    rows["alice"] -= 20
    if rows["alice"] < 0:
        raise ValueError("insufficient funds")
print(sorted(db.rows.items()))

try:
    with db.transaction() as rows:
        rows["carol"] = rows["dave"]
except KeyError as e:
    print("not suppressed:", repr(e))
print(sorted(db.rows.items()))

class Indent:
    level = 0
    def __enter__(self):
        Indent.level += 1
        return self
    def __exit__(self, *exc):
        Indent.level -= 1
    def say(self, text):
        print("    " * Indent.level + text)

with Indent() as out:
    out.say("level one")
    with Indent() as inner:
        inner.say("level two")
    out.say("back to one")
print("level", Indent.level)
