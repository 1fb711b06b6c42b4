# Subclasses of list, dict, str, int, tuple, float and set keep the builtin behaviour.
class Stack(list):
    def push(self, x):
        self.append(x)
        return self

    def peek(self):
        return self[-1]


s = Stack([1, 2])
s.push(3).push(4)
print(s, len(s), s.peek(), s[1:3], isinstance(s, list), type(s).__name__, 3 in s, list(s))
s += [5]
print(s, type(s).__name__, s == [1, 2, 3, 4, 5], sorted(s, reverse=True), bool(Stack()))


class DefaultDict(dict):
    def __missing__(self, key):
        return f"<{key}>"

    def __getitem__(self, key):
        if key in self:
            return super().__getitem__(key)
        return self.__missing__(key)


d = DefaultDict(a=1)
d["b"] = 2
print(d["a"], d["zz"], sorted(d.items()), len(d), isinstance(d, dict), d.get("b"))


class Name(str):
    def shout(self):
        return self.upper() + "!"


n = Name("bob")
print(n, n.shout(), len(n), n + "by", n == "bob", n.title(), isinstance(n, str), f"[{n}]", repr(n))


class Meters(int):
    def __repr__(self):
        return f"{int(self)}m"


m = Meters(5)
print(m, m + 2, m * 3, repr(m), m > 3, int(m), float(m), str(m), hash(m) == hash(5))


class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]


pt = Point(1, 2)
print(pt, pt.x, len(pt), pt + (3,), type(pt).__name__, isinstance(pt, tuple))


class Celsius(float):
    def to_f(self):
        return self * 9 / 5 + 32


print(Celsius(100).to_f(), Celsius(1.5) + 1, round(Celsius(2.567), 1))


class Tags(set):
    def add_all(self, *xs):
        for x in xs:
            self.add(x)


t = Tags([3])
t.add_all(1, 2)
print(sorted(t), len(t), 2 in t)
