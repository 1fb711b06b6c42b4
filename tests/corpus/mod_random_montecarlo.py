# Monte Carlo estimates with a seeded generator: pi, a dice game, a random walk, bootstrap.
import random
import math

random.seed(20240601)
inside = 0
trials = 20000
for _ in range(trials):
    x, y = random.random(), random.random()
    if x * x + y * y <= 1.0:
        inside += 1
print("pi ~", 4 * inside / trials)

rolls = {}
for _ in range(5000):
    total = random.randint(1, 6) + random.randint(1, 6)
    rolls[total] = rolls.get(total, 0) + 1
for total in sorted(rolls):
    print(f"{total:2d} {'#' * (rolls[total] // 50)}")

position = 0
furthest = 0
for step in range(1000):
    position += random.choice((-1, 1))
    furthest = max(furthest, abs(position))
print("walk", position, furthest)

samples = [random.gauss(100, 15) for _ in range(500)]
mean = sum(samples) / len(samples)
sd = math.sqrt(sum([(s - mean) ** 2 for s in samples]) / (len(samples) - 1))
print(f"mean={mean:.6f} sd={sd:.6f}")
boot = []
for _ in range(200):
    resample = random.choices(samples, k=len(samples))
    boot.append(sum(resample) / len(resample))
boot.sort()
print(f"95% CI {boot[5]:.4f} .. {boot[194]:.4f}")

rng_state = random.getstate()
first = random.sample(range(1, 50), 6)
random.setstate(rng_state)
print(sorted(first), sorted(random.sample(range(1, 50), 6)) == sorted(first))
