# Dict and set keys go through `ops::key_eq`: two ints inline, two strs without calls,
# everything else through identity and then builtin equality. Each kind of pair here must
# find (or miss) exactly as CPython does.
import sys

# Strs equal in content but distinct objects (built at run time), and the same object.
parts = ["na", "me"]
built = "".join(parts)
d = {"name": 1}
print(built in d, d[built])
d[built] = 2
print(d, len(d))
s = {built}
print("name" in s, "nam" in s, "name " in s, "" in {""})
# Equal hashes are not enough: a str and an int with one hash.
h = hash("abc")
d2 = {"abc": "str", h: "int"}
print(len(d2), d2["abc"], d2[h])

# Ints inline, then mixed numbers through the general path.
m = {1: "one", 2: "two"}
print(m[1], m[True], m[1.0], 2.0 in m, 2.5 in m, -1 in m)
big = 2 ** 70
m[big] = "big"
print(m[2 ** 70], (2 ** 70) in m, (2 ** 70 + 1) in m, float(2 ** 70) in m)
ns = {0, 1, -1, 10 ** 20}
print(0.0 in ns, False in ns, True in ns, -1.0 in ns, 10 ** 20 in ns, 10 ** 20 + 1 in ns)

# A NaN key is found by identity (it never equals itself).
nan = float("nan")
fn = {nan: "nan"}
print(nan in fn, fn[nan], nan in {nan}, nan == nan)

# Tuples, frozensets, None, and a str subclass that equals its str.
t = {(1, "a"): "t", frozenset([1, 2]): "fs", None: "none"}
print(t[(1, "a")], t[frozenset([2, 1])], t[None], (1, "b") in t)


class Name(str):
    pass


n = Name("name")
print(n in d, d[n], {n: 5}["name"], "name" in {n})


class Key:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        return isinstance(other, Key) and self.v == other.v


k = {Key(3): "key"}
print(Key(3) in k, Key(4) in k, k[Key(3)], 3 in k)
print(sys.intern("x" * 3) in {"xxx"}, {"xxx": 1}.get("x" * 3))
