def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2(), c1(), c2())
def make_acc(start):
    total = [start]
    def add(x):
        total[0] += x
        return total[0]
    return add
acc = make_acc(100)
print(acc(10), acc(5), acc(-50))
def pair():
    value = 0
    def get():
        return value
    def set_(v):
        nonlocal value
        value = v
    return get, set_
getter, setter = pair()
print(getter())
setter(42)
print(getter())
