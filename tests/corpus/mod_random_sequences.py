# random: the same sequences as CPython for the same seeds (ints, negative, big, float, str).
import random

for seed in [0, 1, 42, -42, 12345, 2**32, 2**32 - 1, 2**64 + 7, -(3**100), 10**30]:
    random.seed(seed)
    print(seed, [random.random() for _ in range(3)])
    print(" bits", random.getrandbits(1), random.getrandbits(31), random.getrandbits(32), random.getrandbits(33), random.getrandbits(100))
    print(" randrange", [random.randrange(10) for _ in range(8)], random.randrange(5, 500, 7), random.randrange(100, 0, -3))
    print(" randint", [random.randint(1, 6) for _ in range(10)], random.randint(-10**20, 10**20))
    print(" big", random.randrange(2**70), random.randrange(10**25, 10**26))

for seed in [3.5, -0.0, 1e300, "hello", "", b"bytes", bytearray(b"xy"), True, None]:
    random.seed(seed)
    if seed is not None:
        print(repr(seed), random.random(), random.randrange(1000))

random.seed(2024)
print(random.uniform(1, 10), random.uniform(5, -5), random.triangular(), random.triangular(0, 10, 8), random.triangular(2, 2, 2))
print(random.gauss(), random.gauss(10, 2), random.gauss(), random.normalvariate(), random.normalvariate(5, 0.5))
print(random.expovariate(1.5), random.lognormvariate(0, 1), random.vonmisesvariate(1, 4), random.vonmisesvariate(0, 0))
print(random.gammavariate(0.5, 1), random.gammavariate(1, 2), random.gammavariate(3, 1), random.betavariate(2, 5))
print(random.paretovariate(3), random.weibullvariate(1, 1.5))
print(random.randbytes(5), random.randbytes(0))

r1 = random.getstate()
a = [random.random() for _ in range(5)]
random.setstate(r1)
b = [random.random() for _ in range(5)]
print(a == b, r1[0], len(r1[1]), r1[2])
random.seed(7)
random.gauss()
st = random.getstate()
print(st[2], random.gauss())
random.setstate(st)
print(random.gauss())
