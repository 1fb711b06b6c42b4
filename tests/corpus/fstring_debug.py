x = 10
y = "hi"
print(f"{x=}")
print(f"{y=}")
print(f"{x + 1=}")
print(f"{x=:5}|")
print(f"{y=!s}")
print(f"{x * 2 = }")
items = [1, 2]
print(f"{items=} {len(items)=}")
print(f"{3.5=:.3f}")
