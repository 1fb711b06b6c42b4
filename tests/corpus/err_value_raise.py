def check(v):
    if v < 0:
        raise ValueError("x")
    return v
print(check(5))
check(-1)
