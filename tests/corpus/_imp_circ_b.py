print("b: start")
import _imp_circ_a
# _imp_circ_a is only partly initialized here: A_VALUE is not defined yet.
seen_at_import = hasattr(_imp_circ_a, "A_VALUE")
B_VALUE = "b-value"


def from_b():
    return "from_b uses " + _imp_circ_a.A_VALUE
print("b: done")
