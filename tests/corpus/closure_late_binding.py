fns = []
for i in range(4):
    fns.append(lambda: i)
print([f() for f in fns])
fns2 = []
for i in range(4):
    fns2.append(lambda i=i: i)
print([f() for f in fns2])
def make():
    out = []
    for j in range(3):
        def show():
            return j * 10
        out.append(show)
    return out
print([f() for f in make()])
def make_fixed():
    out = []
    for j in range(3):
        def wrap(v):
            return lambda: v * 10
        out.append(wrap(j))
    return out
print([f() for f in make_fixed()])
comp_fns = [lambda: k for k in "abc"]
print([f() for f in comp_fns])
x = 1
def read_x():
    return x
x = 2
print(read_x())
