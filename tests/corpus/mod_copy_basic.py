# copy.copy and copy.deepcopy: containers, shared and recursive structures, user objects.
import copy

a = [1, [2, 3], {"k": [4]}, (5, [6])]
s = copy.copy(a)
d = copy.deepcopy(a)
print(s == a, s is a, s[1] is a[1], d[1] is a[1], d[2]["k"] is a[2]["k"], d[3] is a[3], d == a)
t = (1, 2, "x")
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy((1, [2]))[1] is not None)
shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)
rec = [1]
rec.append(rec)
dr = copy.deepcopy(rec)
print(dr[1] is dr, dr is not rec, dr[0])
dd = {"a": 1}
dd["self"] = dd
cd = copy.deepcopy(dd)
print(cd["self"] is cd, sorted(cd.keys()))
print(copy.copy({1, 2}) == {1, 2}, copy.deepcopy(frozenset([1, 2])), copy.copy(bytearray(b"ab")), copy.deepcopy(None))
print(copy.copy(3.5), copy.copy("s"), copy.copy(len) is len, copy.deepcopy(range(3)))

class Node:
    def __init__(self, value, children=None):
        self.value = value
        self.children = children or []
    def __repr__(self):
        return f"Node({self.value}, {self.children})"
tree = Node(1, [Node(2), Node(3, [Node(4)])])
shallow = copy.copy(tree)
deep = copy.deepcopy(tree)
print(shallow.children is tree.children, deep.children is tree.children, deep, type(deep).__name__)
deep.children[0].value = 99
print(tree, deep)

class Custom:
    def __init__(self, v):
        self.v = v
    def __copy__(self):
        return Custom(self.v + 100)
    def __deepcopy__(self, memo):
        return Custom(self.v * -1)
print(copy.copy(Custom(1)).v, copy.deepcopy(Custom(5)).v, copy.deepcopy([Custom(2)])[0].v)
memo = {}
x = [1, 2]
y = copy.deepcopy([x, x], memo)
print(y[0] is y[1], id(x) in memo)
