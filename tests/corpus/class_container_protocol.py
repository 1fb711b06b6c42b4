# __len__, __getitem__/__setitem__/__delitem__ with slices, __contains__, __iter__/__next__,
# the old __getitem__ iteration protocol, __reversed__, __bool__.
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}

    def __getitem__(self, pos):
        if isinstance(pos, slice):
            return ("slice", pos.start, pos.stop, pos.step)
        x, y = pos
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError(f"{pos} out of range")
        return self.cells.get(pos, ".")

    def __setitem__(self, pos, value):
        self.cells[pos] = value

    def __delitem__(self, pos):
        del self.cells[pos]

    def __len__(self):
        return self.w * self.h

    def __contains__(self, value):
        return value in self.cells.values()

    def __bool__(self):
        return bool(self.cells)


g = Grid(3, 2)
print(len(g), bool(g), g[0, 0], "X" in g)
g[1, 1] = "X"
print(g[1, 1], "X" in g, bool(g), g[1:5], g[::2], g[:])
del g[1, 1]
print("X" in g, len(g.cells))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(3)), sum(Countdown(4)), [x * 2 for x in Countdown(2)])
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"))
for a, b in zip(Countdown(3), "abc"):
    print(a, b, end="; ")
print()


class Squares:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError
        return i * i


print(list(Squares()), 9 in Squares(), 10 in Squares(), max(Squares()))


class Deck:
    def __init__(self):
        self.cards = ["A", "K", "Q"]

    def __len__(self):
        return len(self.cards)

    def __getitem__(self, i):
        return self.cards[i]

    def __reversed__(self):
        return iter(["reversed!"])


d = Deck()
print(list(reversed(d)), list(d), d[-1], d[0:2], sorted(d))


class Seq:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return "abc"[i]


print(list(reversed(Seq())), bool(Seq()), len(Seq()))


class Empty:
    def __len__(self):
        return 0


print(bool(Empty()), not Empty(), "yes" if Empty() else "no")
