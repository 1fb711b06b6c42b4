sq = lambda x: x * x
print(sq(5), (lambda: "no args")(), (lambda a, b=2: a * b)(3))
print((lambda *a, **k: (a, k))(1, 2, z=3))
pts = [(3, "c"), (1, "a"), (2, "b"), (1, "z")]
print(sorted(pts, key=lambda p: p[1]), sorted(pts, key=lambda p: (-p[0], p[1])))
print(max(["aa", "b", "cccc"], key=lambda s: len(s)), min([3, -7, 5], key=lambda v: abs(v)))
print(list(filter(lambda v: v % 2, range(10))), list(map(lambda a, b: a + b, [1, 2], [10, 20])))
y = 5
add_y = lambda v, y=y: v + y
y = 100
print(add_y(1))
late = lambda v: v + y
print(late(1))
print((lambda f: f(f, 6))(lambda self, n: 1 if n == 0 else n * self(self, n - 1)))
print(sq.__name__, type(sq).__name__)
