from array import array

checks = [
    lambda: array("b", [128]), lambda: array("b", [-129]), lambda: array("B", [-1]),
    lambda: array("B", [256]), lambda: array("h", [2 ** 15]), lambda: array("H", [-1]),
    lambda: array("i", [2 ** 31]), lambda: array("I", [-1]), lambda: array("I", [2 ** 32]),
    lambda: array("l", [2 ** 63]), lambda: array("q", [2 ** 63]), lambda: array("Q", [-1]),
    lambda: array("i", [1.5]), lambda: array("d", ["x"]), lambda: array("x"),
    lambda: array("i", [1]) + array("d", [1.0]), lambda: array("i", [1]).index(5),
    lambda: array("i", [1]).remove(5), lambda: array("i").pop(), lambda: array("i", [1])[3],
    lambda: array("i", "abc"), lambda: array("u", [1]), lambda: array("i", [1]).extend(array("d")),
    lambda: array("i", [1]) + [1],
]
for check in checks:
    try:
        check()
        print("no error")
    except (OverflowError, TypeError, ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
a = array("h", [1, 2])
a.append(40000)
