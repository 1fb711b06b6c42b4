name = "world"
n = 42
pi = 3.14159265
print(f"hello {name}!")
print(f"{n} {n + 1} {n * 2} {-n}")
print(f"{name!r} {name!s} {name.upper()}")
items = [1, 2, 3]
print(f"{items} {len(items)} {items[0]} {items[-1] * 10}")
d = {"k": "v"}
print(f"{d['k']} {d}")
print(f"{'nested ' + name}", f"{{braces}}", f"{n}{n}")
print(f"{pi:.2f} {pi:10.4f}| {pi:<10.3}| {pi:e}")
print(f"{1 if n > 10 else 0} {(lambda x: x * 2)(n)}")
print(f"{None} {True} {3.0} {[1.5, 'a']}")
print(f"")
