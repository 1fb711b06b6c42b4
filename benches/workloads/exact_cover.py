# Models an exact-cover solver benchmark (Knuth's Algorithm X with dicts of sets
# instead of dancing links) solving sudoku boards generated from a seeded RNG.
# Stresses: dict and set mutation (add/remove/pop), int-keyed dict lookups,
# recursion with generators (yield from), min() with a key function, list building.
# Determinism: columns and rows are ints, candidate rows are tried in sorted order.

import random

PUZZLES = 60
BLANKS = 52
SOLUTION_LIMIT = 40


def build_matrix():
    # Row id: r*81 + c*9 + d (place digit d+1 at (r, c)).
    # Column ids: cell, row-digit, column-digit and box-digit constraints.
    rows = {}
    for r in range(9):
        for c in range(9):
            b = (r // 3) * 3 + c // 3
            for d in range(9):
                rows[r * 81 + c * 9 + d] = [
                    r * 9 + c,
                    81 + r * 9 + d,
                    162 + c * 9 + d,
                    243 + b * 9 + d,
                ]
    columns = {j: set() for j in range(324)}
    for row_id, cols in rows.items():
        for j in cols:
            columns[j].add(row_id)
    return columns, rows


def select(columns, rows, row_id):
    removed = []
    for j in rows[row_id]:
        for i in columns[j]:
            for k in rows[i]:
                if k != j:
                    columns[k].remove(i)
        removed.append(columns.pop(j))
    return removed


def deselect(columns, rows, row_id, removed):
    for j in reversed(rows[row_id]):
        columns[j] = removed.pop()
        for i in columns[j]:
            for k in rows[i]:
                if k != j:
                    columns[k].add(i)


def solve(columns, rows, partial):
    if not columns:
        yield list(partial)
        return
    best = min(columns, key=lambda j: (len(columns[j]), j))
    for row_id in sorted(columns[best]):
        partial.append(row_id)
        removed = select(columns, rows, row_id)
        yield from solve(columns, rows, partial)
        deselect(columns, rows, row_id, removed)
        partial.pop()


def make_grid(rng):
    digits = list(range(1, 10))
    rng.shuffle(digits)
    bands = [0, 1, 2]
    rng.shuffle(bands)
    row_order = []
    for band in bands:
        inner = [0, 1, 2]
        rng.shuffle(inner)
        row_order.extend(band * 3 + i for i in inner)
    stacks = [0, 1, 2]
    rng.shuffle(stacks)
    col_order = []
    for stack in stacks:
        inner = [0, 1, 2]
        rng.shuffle(inner)
        col_order.extend(stack * 3 + i for i in inner)
    return [[digits[(r * 3 + r // 3 + c) % 9 - 1] for c in col_order] for r in row_order]


def make_puzzle(rng):
    grid = make_grid(rng)
    cells = [(r, c) for r in range(9) for c in range(9)]
    rng.shuffle(cells)
    for r, c in cells[:BLANKS]:
        grid[r][c] = 0
    return grid


def solve_puzzle(grid):
    columns, rows = build_matrix()
    partial = []
    for r in range(9):
        for c in range(9):
            if grid[r][c]:
                row_id = r * 81 + c * 9 + grid[r][c] - 1
                select(columns, rows, row_id)
                partial.append(row_id)
    solutions = []
    for solution in solve(columns, rows, partial):
        solutions.append(solution)
        if len(solutions) >= SOLUTION_LIMIT:
            break
    return solutions


def render(solution):
    board = [[0] * 9 for _ in range(9)]
    for row_id in solution:
        r, rest = divmod(row_id, 81)
        c, d = divmod(rest, 9)
        board[r][c] = d + 1
    return board


def check(board):
    units = [row for row in board]
    units += [[board[r][c] for r in range(9)] for c in range(9)]
    units += [[board[br + r][bc + c] for r in range(3) for c in range(3)]
              for br in (0, 3, 6) for bc in (0, 3, 6)]
    return all(sorted(u) == list(range(1, 10)) for u in units)


def main():
    rng = random.Random(20231)
    total_solutions = 0
    checksum = 0
    for p in range(PUZZLES):
        puzzle = make_puzzle(rng)
        solutions = solve_puzzle(puzzle)
        total_solutions += len(solutions)
        for s in solutions:
            board = render(s)
            if not check(board):
                raise AssertionError("invalid solution")
            checksum = (checksum * 131 + sum((i + 1) * v for i, v in
                                             enumerate(board[p % 9]))) % 1000000007
    print("puzzles:", PUZZLES, "solutions:", total_solutions)
    print("checksum:", checksum)


main()
