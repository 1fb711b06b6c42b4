from collections import deque

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2])
print(d.pop(), d.popleft(), d)
d.extend([7, 8])
d.extendleft("ab")
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
print(d.count(7), d.index(7), 3 in d, 99 in d)
d.remove("a")
d.insert(1, "x")
print(d)
d.reverse()
print(d, list(d), list(reversed(d)))
d[0] = "first"
del d[1]
print(d)
c = d.copy()
c.clear()
print(c, d == deque(d), deque([1, 2]) == deque([1, 2]), deque([1]) == [1])
print(deque([1, 2]) < deque([1, 3]), bool(deque()), bool(deque([0])))
print(deque("abc") + deque("de"), deque([1, 2]) * 2, 2 * deque([0]))
e = deque(range(3))
e += [9]
e *= 2
print(e)
print(deque(), repr(deque([[1], "s", 2.5])))
for item in deque(["x", "y"]):
    print("item", item)
