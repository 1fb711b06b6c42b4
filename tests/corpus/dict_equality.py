a = {"x": 1, "y": 2}
b = {"y": 2, "x": 1}
print(a == b, a != b, a is b)
print({1: [1, 2]} == {1: [1, 2]}, {1: 1} == {1: 1.0}, {} == {})
print({1: 2} == {1: 3}, {1: 2} == {2: 1}, {1: 2} == [(1, 2)])
c = dict(a)
c["z"] = 3
print(a == c, len(c))
del c["z"]
print(a == c)
print(dict([("a", 1), ("b", 2)]), dict(x=1, y=2), dict({"k": 0}, extra=1))
print(dict(zip("abc", range(3))))
print(dict.fromkeys(["p", "q"], 0), dict.fromkeys("xy"))
