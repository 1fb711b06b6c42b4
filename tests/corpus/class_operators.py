# Binary, reflected and in-place operators, unary operators.
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

    def __add__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Vec(self.x * k, self.y * k)
        return NotImplemented

    __rmul__ = __mul__

    def __matmul__(self, other):
        return self.x * other.x + self.y * other.y

    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)

    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)

    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)

    def __pow__(self, k):
        return Vec(self.x ** k, self.y ** k)

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __pos__(self):
        return self

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __invert__(self):
        return Vec(self.y, self.x)

    def __iadd__(self, other):
        self.x += other.x
        self.y += other.y
        return self

    def __lshift__(self, n):
        return Vec(self.x << n, self.y << n)

    def __and__(self, o):
        return Vec(self.x & o.x, self.y & o.y)

    def __or__(self, o):
        return Vec(self.x | o.x, self.y | o.y)

    def __xor__(self, o):
        return Vec(self.x ^ o.x, self.y ^ o.y)

    def __rshift__(self, n):
        return Vec(self.x >> n, self.y >> n)


a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a - b, a * 3, 3 * a, a @ b)
print(b / 2, b // 2, b % 2, a ** 2)
print(-a, +a, abs(Vec(3, 4)), ~a)
print(a << 2, b >> 1, a & b, a | b, a ^ b)
c = a
c += b
print(c, a, c is a)
c -= b
print(c, c is a)
c *= 2
print(c)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __radd__(self, other):
        if other == 0:
            return self
        return NotImplemented

    def __add__(self, other):
        return Money(self.cents + other.cents)

    def __repr__(self):
        return f"${self.cents / 100:.2f}"


print(sum([Money(150), Money(275)]))
