# random.Random instances: independent generators, seeding, state round trips.
import random

r1 = random.Random(123)
r2 = random.Random(123)
print([r1.random() for _ in range(3)] == [r2.random() for _ in range(3)])
print(r1.randint(1, 100), r1.choice("abcdef"), r1.sample(range(50), 4), r1.uniform(0, 1), r1.getrandbits(40))
deck = list(range(10))
r1.shuffle(deck)
print(deck, r1.choices("xyz", weights=[1, 2, 3], k=5))
r3 = random.Random()
r3.seed(123)
print(r3.random() == random.Random(123).random())
state = r1.getstate()
first = [r1.randrange(1000) for _ in range(5)]
r1.setstate(state)
print(first == [r1.randrange(1000) for _ in range(5)], first)
random.seed(123)
print(random.random() == random.Random(123).random())
r4 = random.Random("seed string")
print(r4.random(), random.Random(b"seed string").random() == random.Random("seed string").random())
print(random.Random(0).gauss(0, 1), random.Random(1).normalvariate(5, 2), random.Random(2).expovariate(3))
print(type(r1).__name__, isinstance(r1, random.Random))
random.Random(1, 2)
