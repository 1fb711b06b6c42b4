# `from m import x` while m is still initializing (a circular import) names the cause.
import _imp_partial_a
import _imp_partial_b
print(_imp_partial_a.NAME, _imp_partial_b.NAME)
