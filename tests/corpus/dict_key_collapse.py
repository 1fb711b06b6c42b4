d = {1: "a", 1.0: "b", True: "c"}
print(d, len(d))
e = {0: "zero", False: "false", 0.0: "f0"}
print(e)
f = {}
f[2] = "int"
f[2.0] = "float"
print(f, f[2], f[2.0])
print({True: 1, 1: 2}, {1.0: "x", 1: "y"})
g = {(1, 2): "tuple", None: "none", -1: "neg", 2 ** 100: "big"}
print(g[(1, 2)], g[None], g[-1], g[2 ** 100], g)
print(hash(1) == hash(1.0) == hash(True))
print({-0.0: "nz"}[0], {0.5: "half"}[1 / 2])
