value = 3.14159
for width in (6, 8, 10):
    for prec in (1, 3):
        print(f"[{value:{width}.{prec}f}]")
w = 7
fill = "*"
print(f"[{'ab':{fill}^{w}}]")
print(f"[{42:>{w}}] [{42:<{w + 3}}]")
spec = ".2e"
print(f"{value:{spec}}")
align = "<"
print(f"[{'x':{align}5}]")
print(f"{f'{value:.1f}':>8}")
