# Models a sorting benchmark on records: sorted()/list.sort with key functions.
# Stresses: the sort machinery with key= (lambda, operator.itemgetter,
# operator.attrgetter, methods such as str.lower), rich comparison of tuples and
# strings, reverse=True, sort stability across multi-pass sorts, bisect, min/max
# with key, on records generated from a seeded RNG.

import bisect
import random
from operator import attrgetter, itemgetter

RECORDS = 6000
ROUNDS = 8

CITIES = ["Oslo", "lima", "Quito", "berlin", "Cairo", "delhi", "Perth", "austin",
          "Tokyo", "nairobi", "Madrid", "essen"]


class Employee:
    __slots__ = ("name", "age", "city", "salary", "ident")

    def __init__(self, name, age, city, salary, ident):
        self.name = name
        self.age = age
        self.city = city
        self.salary = salary
        self.ident = ident


def make_name(rng):
    letters = "abcdefghijklmnopqrstuvwxyz"
    n = rng.randint(3, 8)
    return "".join(rng.choice(letters) for _ in range(n)).capitalize()


def make_records(rng, count):
    tuples = []
    for ident in range(count):
        tuples.append((make_name(rng), rng.randint(18, 65), rng.choice(CITIES),
                       round(rng.uniform(20000, 150000), 2), ident))
    return tuples


def fingerprint(seq, field):
    acc = 0
    for rec in seq:
        acc = (acc * 1000003 + field(rec)) % 2147483647
    return acc


def main():
    rng = random.Random(1234)
    tuples = make_records(rng, RECORDS)
    people = [Employee(*t) for t in tuples]
    dicts = [{"name": t[0], "age": t[1], "city": t[2], "salary": t[3], "id": t[4]}
             for t in tuples]
    ident = itemgetter(4)
    checks = []
    for r in range(ROUNDS):
        by_age = sorted(tuples, key=itemgetter(1))
        checks.append(fingerprint(by_age, ident))
        by_city_age = sorted(tuples, key=itemgetter(2, 1))
        checks.append(fingerprint(by_city_age, ident))
        by_lower_city = sorted(tuples, key=lambda t: (t[2].lower(), -t[3]))
        checks.append(fingerprint(by_lower_city, ident))
        by_salary_desc = sorted(people, key=attrgetter("salary"), reverse=True)
        checks.append(fingerprint(by_salary_desc, attrgetter("ident")))
        # Stability: sort by the secondary key first, then by the primary key.
        staged = sorted(dicts, key=lambda d: d["name"])
        staged.sort(key=lambda d: d["age"] // 10, reverse=True)
        checks.append(fingerprint(staged, itemgetter("id")))
        names = [t[0] for t in tuples]
        names.sort(key=str.lower)
        checks.append(sum(len(n) * (i % 7) for i, n in enumerate(names)))
        plain = sorted(tuples)
        checks.append(fingerprint(plain, ident))
        ages = sorted(p.age for p in people)
        probes = [bisect.bisect_left(ages, a) + bisect.bisect_right(ages, a)
                  for a in range(18, 66)]
        checks.append(sum(probes))
        mixed = [(t[1], t[0]) for t in tuples[r::3]]
        mixed.sort(reverse=True)
        checks.append(fingerprint(mixed, itemgetter(0)))
        oldest = max(people, key=attrgetter("age", "ident"))
        poorest = min(dicts, key=itemgetter("salary"))
        checks.append(oldest.ident * 7 + poorest["id"])
        rng.shuffle(tuples)
    top = sorted(people, key=lambda p: (-p.salary, p.name))[:3]
    print("top:", ", ".join(f"{p.name}({p.city}, {p.salary:.2f})" for p in top))
    print("checks:", len(checks), "checksum:", sum(checks) % 1000000007)


main()
