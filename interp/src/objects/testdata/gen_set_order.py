# Records CPython 3.11 set iteration orders for the unit tests in ../set.rs:
#     python3.11 gen_set_order.py > set_order_cpython.txt
def lcg(n, seed=12345, mod=10**6, neg=True):
    out=[]; x=seed
    for _ in range(n):
        x=(x*1103515245+12345) % (2**31)
        v = x % mod
        if neg and x & 1: v=-v
        out.append(v)
    return out
cases = {}
cases['small'] = [3,1,2]
cases['ten'] = [10,3,100,7]
cases['neg'] = [-1,-2,5,-8,1000,2**40,-(2**62),17,33,8,16,24]
cases['lcg200'] = lcg(200)
cases['lcg2000'] = lcg(2000, seed=7)
for k,v in cases.items():
    s=set()
    for x in v: s.add(x)
    print(k, list(s))
# pops
s=set()
for x in lcg(50, seed=3): s.add(x)
print('pops', [s.pop() for _ in range(20)], list(s))
# deletions then insertions
s=set()
for x in range(40): s.add(x*13)
for x in range(0,40,3): s.discard(x*13)
for x in lcg(30, seed=9, mod=1000): s.add(x)
print('dummies', list(s))
# merge: frozenset literal style
f=frozenset([100,200,300,400,500]); s=set(); s.update(f)
print('merge', list(s))
s2=set(f); print('setofset', list(s2))
# copy after removals
s=set(range(100))
for x in range(1,100): s.discard(x) if x%10 else None
print('copy', list(s.copy()))
a=set(lcg(60, seed=1, mod=500)); b=set(lcg(40, seed=2, mod=500))
print('union', list(a|b))
print('inter', list(a&b))
print('diff', list(a-b))
print('xor', list(a^b))
print('tuples', list({(1,2),(3,4),(0,0),(-1,5),(2,1)}))
print('fhash', hash(frozenset([1,2,3])), hash(frozenset()), hash(frozenset([(1,2), -1])))
