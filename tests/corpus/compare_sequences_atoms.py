# Tuple and list comparisons: leading ints, strs and floats are compared in place, and the
# first other pair (NaN, bools against ints, bigints, None, nested sequences, instances)
# goes the general way from that position; the answers and the special methods called must
# be CPython's.
nan = float('nan')
pairs = [((1, 2), (1, 3)), ((1, 'a'), (1, 'b')), (('b', 1), ('a', 2)), ((1.5, 2), (1.5, 2)),
         ((nan,), (nan,)), ((1, nan), (1, nan)), ((0.0,), (-0.0,)), ((1, 2), (1, 2, 0)),
         ([1, 'x'], [1, 'x']), ([3], [2, 9]), ((1, True), (1, 1)), ((1, 2.0), (1, 2)),
         ((2**70, 1), (2**70, 0)), (('é', 1), ('z', 1)), (('\U0001F600',), ('\uffff',)),
         ((None,), (None,)), (((1, 2), 3), ((1, 2), 4)), ((), ()), ((1,), ())]
for a, b in pairs:
    print(a < b, a <= b, a == b, a != b, a > b, a >= b)
x = (nan, 1)
print(x == x, x < x, [nan] == [nan], (x,) == (x,))
try:
    print((1, None) < (1, 2))
except TypeError as e:
    print('TypeError:', e)
print(sorted([(3, 'b'), (1, 'z'), (3, 'a'), (1.5, 'q'), (True, 'c')]))
class K:
    def __init__(self, v): self.v = v
    def __eq__(self, o): print('eq'); return self.v == o.v
    def __lt__(self, o): print('lt'); return self.v < o.v
print((1, K(2)) < (1, K(3)), (0, K(2)) < (1, K(3)))
l = [1, 2]
print(l < [1, 3], l == l)
