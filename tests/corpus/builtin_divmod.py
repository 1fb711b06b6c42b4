for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (6, 3), (2 ** 70, 3), (-(2 ** 70), 7)]:
    print(a, b, divmod(a, b))
for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2.0), (1, 0.3), (-0.0, 1.0)]:
    print(a, b, divmod(a, b))
print(divmod(True, 2), type(divmod(5, 2)).__name__)
