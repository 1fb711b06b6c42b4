# random: choice, choices, shuffle and sample draw like CPython's random.py.
import random

for seed in [1, 99, 2**40 + 3, -5]:
    random.seed(seed)
    deck = list(range(20))
    random.shuffle(deck)
    print(seed, deck)
    print(" choice", [random.choice("abcdefg") for _ in range(10)], random.choice(range(1000, 2000)), random.choice((None,)))
    print(" sample", random.sample(range(100), 5), random.sample("abcdefghij", 10), random.sample(range(10**6), 8))
    print(" sample", random.sample(range(30), 25), random.sample([1, 2, 3], 0))
    print(" counts", random.sample(["red", "blue"], counts=[4, 2], k=5))
    print(" choices", random.choices("xyz", k=6), random.choices(range(5), weights=[5, 0, 0, 1, 1], k=8))
    print(" choices", random.choices(["a", "b", "c"], cum_weights=[1, 1.5, 10], k=5), random.choices([7]))
    print(" choices", random.choices("ab", [1, 3]), random.choices(range(4), weights=[0.1, 0.2, 0.3, 0.4], k=4))
    t = ["p", "q", "r", "s", "t"]
    random.shuffle(t)
    print(" shuffled", t)

random.seed(5)
big = list(range(1000))
random.shuffle(big)
print(big[:15], sum(big))
print(random.sample(big, 12))
print(random.choices(big, k=3))
random.choice([])
