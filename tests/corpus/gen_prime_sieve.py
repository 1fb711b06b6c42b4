# An incremental prime sieve: each prime filters the stream behind it.
def integers_from(n):
    while True:
        yield n
        n += 1


def sieve(numbers):
    prime = next(numbers)
    yield prime
    yield from sieve(n for n in numbers if n % prime)


def take(n, it):
    out = []
    for value in it:
        if len(out) == n:
            break
        out.append(value)
    return out


print(take(25, sieve(integers_from(2))))


def primes():
    composites = {}
    candidate = 2
    while True:
        if candidate not in composites:
            yield candidate
            composites[candidate * candidate] = [candidate]
        else:
            for p in composites[candidate]:
                composites.setdefault(p + candidate, []).append(p)
            del composites[candidate]
        candidate += 1


ps = primes()
print([next(ps) for _ in range(10)])
count = 0
for p in primes():
    if p > 10000:
        break
    count += 1
print("primes below 10000:", count)
twins = ((p, p + 2) for p in take(200, primes()) if p + 2 in set(take(200, primes())))
print(take(8, twins))
