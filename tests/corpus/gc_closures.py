# Functions that reach themselves through their closure cells form cycles; they keep working
# while alive and are reclaimed once dropped.
import gc

def make_counter():
    count = 0
    def step():
        nonlocal count
        count += 1
        return count
    def run(n):
        for _ in range(n):
            step()
        return run, count
    return run

def make_fact():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact

facts = []
for i in range(20000):
    f = make_fact()
    if i % 5000 == 0:
        facts.append(f)
gc.collect()
print([f(10) for f in facts])

run = make_counter()
again, value = run(3)
print(again is run, value)
gc.collect()
print(run(2)[1])

def outer():
    data = [1, 2, 3]
    def inner():
        return data, inner
    data.append(inner)
    return inner
fn = outer()
d, same = fn()
print(d[:3], same is fn, d[3] is fn)
del fn, d, same
print(gc.collect() > 0)
