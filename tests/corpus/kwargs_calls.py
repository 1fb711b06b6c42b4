def describe(name, age, city="nowhere"):
    return name + " " + str(age) + " " + city
print(describe("Ann", 30))
print(describe(age=25, name="Bob"))
print(describe("Cy", city="Oslo", age=40))
print(describe(*["Dee", 50]))
print(describe(**{"name": "Eve", "age": 22, "city": "Rome"}))
print(describe("Fay", **{"age": 33}))
def show(**kw):
    return kw
print(show(), show(a=1, b=2), show(**{"x": 0}, y=1))
def both(a, **rest):
    return a, rest
print(both(1, b=2, c=3), both(a=5))
d = {"b": 1}
print(show(a=0, **d, c=2))
