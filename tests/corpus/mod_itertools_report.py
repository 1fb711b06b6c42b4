# A sales report built with itertools.groupby, accumulate, chain and islice.
import itertools as it
from operator import itemgetter

sales = [
    ("2024-01", "north", 120), ("2024-01", "south", 80), ("2024-01", "west", 45),
    ("2024-02", "north", 95), ("2024-02", "south", 130),
    ("2024-03", "north", 150), ("2024-03", "west", 60), ("2024-03", "south", 70),
]
print("By month:")
running = 0
for month, rows in it.groupby(sales, key=itemgetter(0)):
    rows = list(rows)
    total = sum(r[2] for r in rows)
    running += total
    best = max(rows, key=itemgetter(2))
    print(f"  {month}: {len(rows)} regions, total {total:4d}, best {best[1]:<6} running {running}")
print("By region:")
for region, rows in it.groupby(sorted(sales, key=itemgetter(1)), key=itemgetter(1)):
    amounts = [r[2] for r in rows]
    print(f"  {region:<6} {amounts} cumulative {list(it.accumulate(amounts))}")
top3 = list(it.islice(sorted(sales, key=itemgetter(2), reverse=True), 3))
print("Top 3:", [(m, r) for m, r, _ in top3])
months = sorted(set(map(itemgetter(0), sales)))
regions = sorted(set(map(itemgetter(1), sales)))
table = {(m, r): a for m, r, a in sales}
print("      " + " ".join(f"{r:>6}" for r in regions))
for m in months:
    print(m, " ".join(f"{table.get((m, r), 0):6d}" for r in regions))
pairs = list(it.pairwise(months))
print("Transitions:", pairs)
print("All combos:", len(list(it.product(months, regions))), list(it.combinations(regions, 2)))
