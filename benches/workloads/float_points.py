# Models the "float" benchmark: build many small Point objects from sin/cos of their index,
# normalize each to unit length, then fold them into one point holding the component-wise
# maximum. Stresses: object allocation and deallocation (a new instance per point),
# `__init__` calls, attribute stores and loads, math.sin/cos/sqrt calls, and float
# multiplication/division.

from math import cos, sin, sqrt

POINTS = 100000
ROUNDS = 5


class Point:
    def __init__(self, index):
        self.x = x = sin(index)
        self.y = cos(index) * 3
        self.z = (x * x) / 2

    def __repr__(self):
        return "<Point: x=%.9f, y=%.9f, z=%.9f>" % (self.x, self.y, self.z)

    def normalize(self):
        x = self.x
        y = self.y
        z = self.z
        length = sqrt(x * x + y * y + z * z)
        self.x = x / length
        self.y = y / length
        self.z = z / length

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def maximize(points):
    best = points[0]
    for point in points[1:]:
        best = best.maximize(point)
    return best


def run(count):
    points = [Point(i) for i in range(count)]
    for point in points:
        point.normalize()
    checksum = 0.0
    for point in points[::97]:
        checksum += point.x - point.y + point.z
    return maximize(points), checksum


def main():
    for _ in range(ROUNDS):
        result, checksum = run(POINTS)
    print(result)
    print("checksum %.9f" % checksum)


main()
