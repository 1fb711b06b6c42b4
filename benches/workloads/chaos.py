# Models the chaos benchmark: a "chaos game" that moves a point part of the way towards a
# random point on one of several cubic Bezier splines (picked by weight), then renders the
# visited points into a small grid whose cell counts are folded into a checksum.
# Stresses: a small vector class with operator overloading (__add__, __sub__, __mul__,
# __rmul__) allocating many short-lived instances, method calls, float math, a seeded
# random.Random, and list-of-lists indexing.

import random

ITERATIONS = 70000
WIDTH = 64
HEIGHT = 48
SEED = 1234


class Vec2:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec2(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec2(self.x - other.x, self.y - other.y)

    def __mul__(self, factor):
        return Vec2(self.x * factor, self.y * factor)

    __rmul__ = __mul__

    def lerp(self, other, t):
        return self + t * (other - self)

    def __repr__(self):
        return "Vec2(%.6f, %.6f)" % (self.x, self.y)


class Bezier:
    """A cubic Bezier spline through four control points."""

    def __init__(self, points):
        self.points = [Vec2(x, y) for x, y in points]

    def at(self, t):
        # de Casteljau: repeated linear interpolation between neighbouring points.
        level = self.points
        while len(level) > 1:
            level = [level[i].lerp(level[i + 1], t) for i in range(len(level) - 1)]
        return level[0]

    def bounds(self):
        xs = [p.x for p in self.points]
        ys = [p.y for p in self.points]
        return min(xs), min(ys), max(xs), max(ys)


class ChaosGame:
    def __init__(self, splines, weights, pull, rng):
        self.splines = splines
        total = float(sum(weights))
        self.cumulative = []
        running = 0.0
        for weight in weights:
            running += weight / total
            self.cumulative.append(running)
        self.pull = pull
        self.rng = rng
        left, bottom, right, top = splines[0].bounds()
        for spline in splines[1:]:
            l, b, r, t = spline.bounds()
            left, bottom = min(left, l), min(bottom, b)
            right, top = max(right, r), max(top, t)
        self.origin = Vec2(left, bottom)
        self.span_x = right - left
        self.span_y = top - bottom

    def pick(self):
        draw = self.rng.random()
        for index, bound in enumerate(self.cumulative):
            if draw < bound:
                return self.splines[index]
        return self.splines[-1]

    def cell(self, point):
        offset = point - self.origin
        column = int(offset.x / self.span_x * (WIDTH - 1) + 0.5)
        row = int(offset.y / self.span_y * (HEIGHT - 1) + 0.5)
        return min(max(column, 0), WIDTH - 1), min(max(row, 0), HEIGHT - 1)

    def play(self, iterations):
        grid = [[0] * WIDTH for _ in range(HEIGHT)]
        point = Vec2(self.origin.x + self.span_x / 2, self.origin.y + self.span_y / 2)
        for step in range(iterations):
            target = self.pick().at(self.rng.random())
            point = point.lerp(target, self.pull)
            if step >= 16:
                column, row = self.cell(point)
                grid[row][column] += 1
        return grid, point


def checksum(grid):
    total = 0
    for row_index, row in enumerate(grid):
        for column_index, count in enumerate(row):
            total = (total * 131 + count * (row_index + 1) + column_index) % 1000000007
    return total


def main():
    rng = random.Random(SEED)
    splines = [
        Bezier([(1.6, 0.1), (1.7, 0.8), (1.2, 1.7), (0.9, 1.9)]),
        Bezier([(0.1, 0.2), (0.4, 1.4), (1.1, 1.6), (1.6, 0.5)]),
        Bezier([(0.2, 1.8), (0.8, 0.9), (1.3, 0.4), (1.9, 0.1)]),
    ]
    game = ChaosGame(splines, [3, 2, 1], 0.6, rng)
    grid, last = game.play(ITERATIONS)
    occupied = sum(1 for row in grid for count in row if count)
    print("cells visited", occupied, "of", WIDTH * HEIGHT)
    print("grid checksum", checksum(grid))
    print("last point", last)


main()
