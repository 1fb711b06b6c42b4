# math: exact integer functions with small and big ints.
import math

print([math.factorial(n) for n in range(12)])
print(math.factorial(50))
print(len(str(math.factorial(1000))), math.factorial(1000) % (10**9 + 7))
print(math.gcd(), math.gcd(0), math.gcd(-12), math.gcd(12, 18), math.gcd(12, -18, 27), math.gcd(2**100, 6**50))
print(math.lcm(), math.lcm(4), math.lcm(4, 6), math.lcm(4, 6, -8), math.lcm(0, 5), math.lcm(2**64, 3**40))
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10**40 + 5), math.isqrt(2**127 - 1), math.isqrt(True))
print(math.comb(5, 2), math.comb(5, 0), math.comb(5, 6), math.comb(50, 25), math.comb(100, 3), math.comb(10**20, 3))
print(math.perm(5), math.perm(5, 2), math.perm(5, 0), math.perm(5, 7), math.perm(30, 20), math.perm(5, None))
print(math.prod([]), math.prod([1, 2, 3, 4]), math.prod([1.5, 2]), math.prod(range(1, 25)), math.prod([2, 3], start=10))
print(math.prod(["a", 3], start=1) if False else math.prod([[1], 3]))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum(range(10)), math.fsum([x / 10 for x in range(10)]))
print(math.comb(-1, 2))
