def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)
def lcm(a, b):
    return a // gcd(a, b) * b
print(gcd(48, 18), gcd(17, 5), gcd(0, 9), gcd(-12, 8), gcd(2 ** 100, 6 ** 40))
result = 1
for k in range(1, 31):
    result = lcm(result, k)
print(result)
def egcd(a, b):
    if b == 0:
        return a, 1, 0
    g, x, y = egcd(b, a % b)
    return g, y, x - (a // b) * y
print(egcd(240, 46), egcd(99, 78))
