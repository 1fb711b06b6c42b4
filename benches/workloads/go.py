# Models the go benchmark: Monte Carlo evaluation of opening moves on a 9x9 Go board. For
# each candidate first move, random playouts (seeded RNG) are played to the end with
# captures, suicide and simple-ko rules, never filling one's own eye, and scored by area
# with komi. Stresses: a board held in flat lists, precomputed neighbour tuples, flood fill
# of groups with a generation-stamped mark list, method calls on a Board class, list
# copies, and random.Random.randrange.

import random

SIZE = 9
PLAYOUTS_PER_MOVE = 12
SEED = 2024
KOMI = 7.5

EMPTY, BLACK, WHITE = 0, 1, 2


def opponent(color):
    return WHITE if color == BLACK else BLACK


def neighbour_table(size):
    table = []
    for point in range(size * size):
        row, column = divmod(point, size)
        around = []
        if row > 0:
            around.append(point - size)
        if row < size - 1:
            around.append(point + size)
        if column > 0:
            around.append(point - 1)
        if column < size - 1:
            around.append(point + 1)
        table.append(tuple(around))
    return table


class Board:
    def __init__(self, size, neighbours=None):
        self.size = size
        self.points = [EMPTY] * (size * size)
        self.neighbours = neighbours if neighbours is not None else neighbour_table(size)
        self.marks = [0] * (size * size)
        self.stamp = 0
        self.ko = -1
        self.captured = [0, 0, 0]

    def copy(self):
        other = Board(self.size, self.neighbours)
        other.points = self.points[:]
        other.ko = self.ko
        other.captured = self.captured[:]
        return other

    def group(self, start, enough):
        """The stones of the group at `start` and its liberty count; the search stops early
        (with part of the stones) once `enough` liberties are found."""
        points = self.points
        neighbours = self.neighbours
        marks = self.marks
        self.stamp += 1
        stamp = self.stamp
        color = points[start]
        marks[start] = stamp
        stones = [start]
        liberties = 0
        index = 0
        while index < len(stones):
            for near in neighbours[stones[index]]:
                if marks[near] != stamp:
                    value = points[near]
                    if value == color:
                        marks[near] = stamp
                        stones.append(near)
                    elif value == EMPTY:
                        marks[near] = stamp
                        liberties += 1
                        if liberties >= enough:
                            return stones, liberties
            index += 1
        return stones, liberties

    def is_legal(self, point, color):
        points = self.points
        if points[point] != EMPTY or point == self.ko:
            return False
        enemy = opponent(color)
        for near in self.neighbours[point]:
            value = points[near]
            if value == EMPTY:
                return True
            liberties = self.group(near, 2)[1]
            if value == color and liberties > 1:
                return True
            if value == enemy and liberties == 1:
                return True
        return False

    def is_own_eye(self, point, color):
        points = self.points
        for near in self.neighbours[point]:
            if points[near] != color:
                return False
        return True

    def play(self, point, color):
        points = self.points
        points[point] = color
        enemy = opponent(color)
        taken = []
        for near in self.neighbours[point]:
            if points[near] == enemy:
                stones, liberties = self.group(near, 1)
                if liberties == 0:
                    for stone in stones:
                        points[stone] = EMPTY
                    taken.extend(stones)
        self.captured[color] += len(taken)
        self.ko = -1
        if len(taken) == 1:
            stones, liberties = self.group(point, 2)
            if len(stones) == 1 and liberties == 1:
                self.ko = taken[0]

    def empties(self):
        return [point for point, value in enumerate(self.points) if value == EMPTY]

    def area_score(self):
        """Black's area minus White's area (stones plus single-colour-bordered empties)."""
        points = self.points
        black = white = 0
        for point, value in enumerate(points):
            if value == BLACK:
                black += 1
            elif value == WHITE:
                white += 1
            else:
                touching = 0
                for near in self.neighbours[point]:
                    touching |= points[near]
                if touching == BLACK:
                    black += 1
                elif touching == WHITE:
                    white += 1
        return black - white

    def fingerprint(self):
        value = 0
        for cell in self.points:
            value = (value * 3 + cell) % 1000000007
        return value


def random_playout(board, color, rng, limit):
    """Play random legal non-eye-filling moves until both pass; return the move count."""
    passes = 0
    moves = 0
    while passes < 2 and moves < limit:
        candidates = board.empties()
        chosen = -1
        while candidates:
            index = rng.randrange(len(candidates))
            point = candidates[index]
            if board.is_legal(point, color) and not board.is_own_eye(point, color):
                chosen = point
                break
            candidates[index] = candidates[-1]
            candidates.pop()
        if chosen < 0:
            passes += 1
        else:
            passes = 0
            board.play(chosen, color)
            moves += 1
        color = opponent(color)
    return moves


def main():
    rng = random.Random(SEED)
    root = Board(SIZE)
    limit = SIZE * SIZE * 3
    best_point = -1
    best_wins = -1
    total_moves = 0
    total_wins = 0
    fingerprints = 0
    captures = 0
    # By symmetry, the openings in one eighth of the board cover all of them.
    openings = [row * SIZE + column for row in range(SIZE) for column in range(SIZE)
                if row <= column and row + column <= SIZE - 1]
    for point in openings:
        wins = 0
        for _ in range(PLAYOUTS_PER_MOVE):
            board = root.copy()
            board.play(point, BLACK)
            total_moves += random_playout(board, WHITE, rng, limit)
            if board.area_score() - KOMI > 0:
                wins += 1
            fingerprints = (fingerprints * 7 + board.fingerprint()) % 1000000007
            captures += board.captured[BLACK] + board.captured[WHITE]
        total_wins += wins
        if wins > best_wins:
            best_point, best_wins = point, wins
    print("playouts", len(openings) * PLAYOUTS_PER_MOVE, "black wins", total_wins)
    print("best opening", divmod(best_point, SIZE), "wins", best_wins)
    print("moves", total_moves, "captures", captures, "fingerprint", fingerprints)


main()
