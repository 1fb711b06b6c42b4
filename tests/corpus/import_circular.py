# Circular imports: a module is in sys.modules before its body runs, so the second import
# sees the partial module instead of looping.
import _imp_circ_a
import _imp_circ_b
print(_imp_circ_a.from_a())
print(_imp_circ_b.from_b())
print(_imp_circ_b._imp_circ_a is _imp_circ_a)
