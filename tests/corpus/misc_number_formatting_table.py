rows = [("apple", 3, 0.5), ("banana", 12, 0.25), ("cherry", 100, 2.0), ("kiwi", 7, 1.125)]
print(f"{'item':<8}|{'qty':>5}|{'price':>8}|{'total':>9}")
print("-" * 33)
grand = 0
for name, qty, price in rows:
    total = qty * price
    grand += total
    print(f"{name:<8}|{qty:>5}|{price:>8.2f}|{total:>9.3f}")
print(f"{'sum':<8}|{sum([r[1] for r in rows]):>5}|{'':>8}|{grand:>9.3f}")
print(f"{grand:,.2f} {grand:e} {int(grand):b} {int(grand):#06x}")
