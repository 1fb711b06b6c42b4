x = 5
assert x == 5
assert x > 0, "x must be positive"
assert [1], "non-empty list is truthy"
assert isinstance(x, int)
print("all asserts passed")
def check(n):
    assert n >= 0, "negative: " + str(n)
    return n * 2
print(check(3), check(0))
