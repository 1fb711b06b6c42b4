# `from m import *` honours __all__, else copies the public names.
import sys
namespace = sys.modules["__main__"].__dict__
from _imp_star_all import *
print(public_a, _listed_private)
print("public_b" in namespace)
from _imp_star_plain import *
print(alpha, beta, helper())
print("_gamma" in namespace)
