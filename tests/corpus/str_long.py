s = "abc" * 100000
print(len(s), s[:9], s[-6:])
print(s.count("abc"), s.count("ca"), s.find("cab"), s.rfind("abc"))
parts = []
for i in range(10000):
    parts.append(str(i))
joined = ",".join(parts)
print(len(joined), joined[:30], joined[-20:])
back = joined.split(",")
print(len(back), back[9999])
big = "x" * 1000000
print(len(big + big), big.upper()[:5])
print(len(s.replace("b", "BB")))
