count = 0
def bump():
    global count
    count += 1
def read():
    return count
bump()
bump()
print(count, read())
def create():
    global created
    created = "made inside"
create()
print(created)
total = 10
def local_shadow():
    total = 99
    return total
print(local_shadow(), total)
def mutate_list():
    items.append(len(items))
items = []
mutate_list()
mutate_list()
print(items)
x = "module"
def g():
    global x
    x = "changed by g"
g()
print(x)
