# Assignment targets: multiple, tuple/list unpacking, starred, attributes, subscripts, del.
a = b = 1
a, b = b, a
a, b, c = c, b, a
x, (y, z) = 1, (2, 3)
first, *rest = [1, 2, 3]
*init, last = "abc"
head, *middle, tail = range(5)
obj.attr = 5
obj.attr += 1
items[0] = 1
items[i] += 2
items[1:2] = []
m = items[::2]
del a, obj.attr, items[0]
import os.path as osp
from collections import OrderedDict as OD, deque
