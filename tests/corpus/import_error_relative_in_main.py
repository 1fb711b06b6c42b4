print("a script has no parent package")
from . import _imp_helper
