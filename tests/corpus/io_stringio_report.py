# A CSV-ish report built in a StringIO, then parsed back line by line.
import io

sales = [("north", "apples", 120, 0.5), ("south", "pears", 80, 0.75), ("north", "pears", 30, 0.7),
         ("east", "apples", 200, 0.45), ("south", "apples", 95, 0.55)]

buf = io.StringIO()
buf.write("region,item,qty,price\n")
for region, item, qty, price in sales:
    buf.write(f"{region},{item},{qty},{price}\n")
text = buf.getvalue()
print(text, end="")

totals = {}
reader = io.StringIO(text)
header = reader.readline().strip().split(",")
for line in reader:
    row = dict(zip(header, line.strip().split(",")))
    amount = int(row["qty"]) * float(row["price"])
    totals[row["region"]] = totals.get(row["region"], 0.0) + amount

out = io.StringIO()
print(f"{'region':<8}{'total':>10}", file=out)
for region in sorted(totals):
    print(f"{region:<8}{totals[region]:>10.2f}", file=out)
print(f"{'all':<8}{sum(totals.values()):>10.2f}", file=out)
print(out.getvalue(), end="")
print(len(out.getvalue().splitlines()), "report lines")
