# __hash__/__eq__ drive dict and set membership; __eq__ alone makes instances unhashable.
class Key:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return isinstance(other, Key) and self.name.lower() == other.name.lower()

    def __hash__(self):
        return hash(self.name.lower())

    def __repr__(self):
        return f"Key({self.name!r})"


d = {Key("Alpha"): 1}
d[Key("ALPHA")] = 2
print(d, len(d), d[Key("alpha")], Key("aLpHa") in d)
s = {Key("x"), Key("X"), Key("y")}
print(len(s), Key("Y") in s)
print(hash(Key("AB")) == hash("ab"))


class Ident:
    pass


a = Ident()
print(hash(a) == hash(a), {a: 1}[a], a in {a})


class OnlyEq:
    def __eq__(self, other):
        return True


print(OnlyEq() == 1, OnlyEq.__hash__)
hash(OnlyEq())
