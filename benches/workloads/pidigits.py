# Models the classic "pidigits" benchmark: digits of pi from an unbounded spigot
# (Gibbons' streaming algorithm on a 2x2 matrix of integers).
# Stresses: arbitrary-precision int multiply / floor-divide / add on ever-growing
# numbers, small-int/big-int transitions, tuple packing and unpacking in a hot loop.

NDIGITS = 3000


def pi_digits(count):
    # State is the linear fractional transform (q r; 0 t) applied to k.
    q, r, t, k = 1, 0, 1, 1
    digits = []
    while len(digits) < count:
        # The next digit is safe once floor((3q+r)/t) == floor((4q+r)/t).
        digit = (3 * q + r) // t
        if digit == (4 * q + r) // t:
            digits.append(digit)
            q, r = 10 * q, 10 * (r - digit * t)
        else:
            k2 = 2 * k + 1
            q, r, t, k = q * k, (2 * q + r) * k2, t * k2, k + 1
    return digits


def main():
    digits = pi_digits(NDIGITS)
    text = "".join(str(d) for d in digits)
    checksum = 0
    for i, d in enumerate(digits):
        checksum = (checksum * 31 + d * (i + 1)) % 1000000007
    print("digits:", len(digits))
    print("first:", text[:1] + "." + text[1:30])
    print("last:", text[-30:])
    print("sum:", sum(digits), "checksum:", checksum)


main()
