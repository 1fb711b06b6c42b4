vals = [7, -7, 2.5, -2.5, 3]
for a in vals:
    for b in (2, -3, 1.5, -0.5):
        print(a, b, a + b, a - b, a * b, a / b, a // b, a % b)
