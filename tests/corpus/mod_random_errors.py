# random: error messages of the module functions.
import random

def attempt(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)

random.seed(1)
attempt(random.randrange, 0)
attempt(random.randrange, 5, 2)
attempt(random.randrange, 1, 10, 0)
attempt(random.randrange, 10, step=2)

attempt(random.randint, 1)
attempt(random.randint, 5, 1)
attempt(random.choice, [])
attempt(random.choice, 5)
attempt(random.sample, [1, 2], 3)
attempt(random.sample, [1, 2], -1)
attempt(random.sample, {1, 2}, 1)
attempt(random.sample, [1, 2], 1, counts=[1])
attempt(random.sample, [1, 2], 1, counts=[0, 0])
attempt(random.sample, [1, 2], 1, counts=[1.5, 1])
attempt(random.choices, [1, 2], [1])
attempt(random.choices, [1, 2], 3)
attempt(random.choices, [1, 2], [1, 1], cum_weights=[1, 2])
attempt(random.choices, [1, 2], [0, 0])
attempt(random.choices, [1, 2], [1, float("inf")])
attempt(random.getrandbits, -1)
attempt(random.seed, [1])
attempt(random.uniform, 1)
attempt(random.expovariate)
attempt(random.gammavariate, 0, 1)
attempt(random.shuffle, 5)
attempt(random.randbytes, -1)
attempt(random.setstate, (3, (), None))
attempt(random.setstate, (4, (), None))
attempt(random.random, 1)
attempt(random.gauss, 1, 2, 3)
print(random.getrandbits(0))
random.randrange(1, 1)
