# Models the n-queens benchmark: count the ways to place N non-attacking queens, twice.
# First by filtering permutations from a recursive generator (one queen per row and column,
# diagonals checked with set comprehensions), then by backtracking with sets of occupied
# columns and diagonals. Stresses: generators and `yield from`, generator expressions,
# set construction/membership/add/remove on small ints, recursion, and closures.

PERMUTATION_SIZE = 8
BACKTRACK_SIZE = 11
ROUNDS = 2


def permutations(items):
    """Yield every ordering of `items` (a tuple), in lexicographic order of positions."""
    if len(items) <= 1:
        yield items
        return
    for index in range(len(items)):
        rest = items[:index] + items[index + 1:]
        for tail in permutations(rest):
            yield (items[index],) + tail


def solutions_by_permutation(n):
    rows = range(n)
    for columns in permutations(tuple(range(n))):
        if (n == len({columns[row] + row for row in rows})
                == len({columns[row] - row for row in rows})):
            yield columns


def count_by_backtracking(n):
    used_columns = set()
    used_rising = set()
    used_falling = set()

    def place(row):
        if row == n:
            return 1
        found = 0
        for column in range(n):
            rising = row + column
            falling = row - column
            if column in used_columns or rising in used_rising or falling in used_falling:
                continue
            used_columns.add(column)
            used_rising.add(rising)
            used_falling.add(falling)
            found += place(row + 1)
            used_columns.remove(column)
            used_rising.remove(rising)
            used_falling.remove(falling)
        return found

    return place(0)


def main():
    for _ in range(ROUNDS):
        solutions = list(solutions_by_permutation(PERMUTATION_SIZE))
        count = count_by_backtracking(BACKTRACK_SIZE)
    print("permutations: %d queens, %d solutions, first %s, last %s"
          % (PERMUTATION_SIZE, len(solutions), solutions[0], solutions[-1]))
    print("backtracking: %d queens, %d solutions" % (BACKTRACK_SIZE, count))


main()
