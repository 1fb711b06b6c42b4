def outer():
    x = 0
    y = 0
    def inner():
        nonlocal x, y
        x += 1
        y = x * 10
    inner()
    inner()
    return x, y
print(outer())
def deep():
    v = "a"
    def mid():
        def innermost():
            nonlocal v
            v = v + "c"
        nonlocal v
        v = v + "b"
        innermost()
    mid()
    return v
print(deep())
def loop_nl():
    total = 0
    def add(n):
        nonlocal total
        total += n
    for i in range(5):
        add(i)
    return total
print(loop_nl())
