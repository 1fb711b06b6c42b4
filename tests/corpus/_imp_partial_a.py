import _imp_partial_b
NAME = "a"
