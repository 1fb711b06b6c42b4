# __repr__, __str__ and __format__ in print, str(), repr(), f-strings, format() and %.
class Temp:
    def __init__(self, deg):
        self.deg = deg

    def __repr__(self):
        return f"Temp({self.deg!r})"

    def __str__(self):
        return f"{self.deg} degrees"

    def __format__(self, spec):
        if spec == "f":
            return f"{self.deg * 9 / 5 + 32:.1f}F"
        return format(self.deg, spec)


t = Temp(21.5)
print(t, str(t), repr(t), [t], (t,), {"t": t})
print(f"{t}", f"{t!r}", f"{t:f}", f"{t:>8}", format(t, "f"), "%s|%r" % (t, t))
print("{} {!r} {:f}".format(t, t, t))


class OnlyRepr:
    def __repr__(self):
        return "<only repr>"


print(OnlyRepr(), str(OnlyRepr()), f"{OnlyRepr()}", format(OnlyRepr()))


class Plain:
    pass


print(str(Plain()).startswith("<__main__.Plain object at 0x"), repr(Plain()) == str(Plain()) or True)
print(f"{Plain()!s}".split(" at ")[0])


class Outer:
    class Inner:
        pass


print(Outer.Inner, Outer.Inner.__qualname__, Outer.Inner.__name__, str(Outer.Inner()).split(" at ")[0])
try:
    format(Plain(), "d")
except TypeError as e:
    print(e)
print(ascii(Temp("é")))
