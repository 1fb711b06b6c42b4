print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default", "" or 0)
print([] and [1], [0] and [1], {} or [], 0 or "" or None)
print(1 and 2 and 3, 1 and 0 and 3, 0 or 0 or 3, 0 or None)
print(not 1, not 0, not [], not [0], not None, not "x")
def t(x):
    print("called", x)
    return x
print(t(0) and t(1))
print(t(1) or t(2))
print(t(1) and t(2) or t(3))
print(t(0) or t(0) or t(5))
x = 5
print(x > 3 and x < 10, x > 3 and "big" or "small", x < 3 or x == 5)
print(type(0 or 0.0).__name__, (1 and [1, 2])[1])
