from array import array

a = array("i", [1, 2, 3])
a.append(4)
a.extend([5, 6])
a.insert(0, 0)
print(a, len(a), a[0], a[-1], a[1:3], a[::-2], a.typecode, a.itemsize)
print(a.pop(), a.pop(0), a.count(2), a.index(3), 3 in a, 9 in a, list(a), a.tolist())
a.remove(2)
a.reverse()
print(a)
a[0] = 10
del a[1]
print(a, a == array("i", [10, 3, 1]), a == array("d", [10.0, 3.0, 1.0]), a < array("i", [11]))
print(a + array("i", [7]), a * 2, 2 * array("b", [1]))
b = array("d", [1.5, 2])
b += array("d", [3])
b *= 2
print(b, array("d"), array("f", [0.1]), array("f", [0.1])[0], sum(b))
print(array("u", "hi"), array("b", [1, -2]).tobytes(), array("H", b"\x01\x00\x02\x00"))
print(array("q", [2 ** 62]), array("Q", [2 ** 64 - 1]), array("B", range(3)), array("l", array("i", [1, 2])))
for tc in "bBhHiIlLqQfd":
    print(tc, array(tc).itemsize, end="; ")
print()
c = array("i", range(10))
c[2:5] = array("i", [0])
del c[::3]
print(c, [x * x for x in c])
