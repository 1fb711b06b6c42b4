# __int__, __float__, __index__, __round__, __abs__, __bool__ conversions.
class Num:
    def __init__(self, v):
        self.v = v

    def __int__(self):
        return int(self.v)

    def __float__(self):
        return float(self.v)

    def __index__(self):
        return int(self.v)

    def __round__(self, n=None):
        return round(self.v, n) if n is not None else round(self.v)

    def __abs__(self):
        return abs(self.v)


n = Num(3.7)
print(int(n), float(n), round(n), round(n, 0), abs(Num(-2)))
i = Num(2)
print(int(i), float(i), [10, 20, 30][Num(1)] if False else "skip")


class OnlyIndex:
    def __index__(self):
        return 4


print(int(OnlyIndex()), float(OnlyIndex()))


class Bad:
    def __int__(self):
        return "x"


try:
    int(Bad())
except TypeError as e:
    print(e)
try:
    float(Bad())
except TypeError as e:
    print(e)
try:
    round(Bad())
except TypeError as e:
    print(e)
