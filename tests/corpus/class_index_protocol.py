# __index__ lets objects index sequences, build ranges, and feed hex/bin/oct.
class Idx:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


data = [10, 20, 30, 40]
print(data[Idx(1)], data[Idx(-1)], "abc"[Idx(2)], (1, 2, 3)[Idx(0)])
print(list(range(Idx(3))), list(range(Idx(1), Idx(7), Idx(2))))
print(hex(Idx(255)), bin(Idx(5)), oct(Idx(8)), int(Idx(7)))
data[Idx(0)] = 99
print(data, "ab" * Idx(3) if False else "skip")


class Small(int):
    pass


print(data[Small(2)], list(range(Small(2))))


class NotIdx:
    pass


try:
    data[NotIdx()]
except TypeError as e:
    print(e)
try:
    range(NotIdx())
except TypeError as e:
    print(e)
hex(NotIdx())
