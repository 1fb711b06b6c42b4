print("a: start")
import _imp_circ_b
A_VALUE = "a-value"
print("a: done, b sees", _imp_circ_b.seen_at_import)


def from_a():
    return "from_a uses " + _imp_circ_b.B_VALUE
