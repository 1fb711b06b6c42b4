# Models the fannkuch-redux benchmark: for every permutation of 0..N-1, repeatedly reverse the
# prefix whose length is given by the first element until 0 comes first ("pancake flips");
# report the maximum flip count and a checksum alternating in sign over the permutations.
# Stresses: list slicing and slice assignment (prefix reversal with a negative step, rotation),
# list copies, integer compares, and tight while loops.

N = 9
ROUNDS = 2


def fannkuch(n):
    order = list(range(n))
    # counters[k] says how many rotations of the first k + 1 elements remain.
    counters = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    level = n
    while True:
        while level != 1:
            counters[level - 1] = level
            level -= 1

        head = order[0]
        if head:
            stack = order[:]
            flips = 0
            while head:
                stack[:head + 1] = stack[head::-1]
                flips += 1
                head = stack[0]
            if flips > max_flips:
                max_flips = flips
            checksum += sign * flips
        sign = -sign

        # Advance to the next permutation: rotate the first `level + 1` elements left by one,
        # carrying to a longer prefix when a counter runs out.
        while True:
            if level == n:
                return checksum, max_flips
            first = order[0]
            order[:level] = order[1:level + 1]
            order[level] = first
            counters[level] -= 1
            if counters[level] > 0:
                break
            level += 1


def main():
    results = [fannkuch(N) for _ in range(ROUNDS)]
    assert all(result == results[0] for result in results)
    checksum, max_flips = results[0]
    print(checksum)
    print("Pfannkuchen(%d) = %d" % (N, max_flips))


main()
