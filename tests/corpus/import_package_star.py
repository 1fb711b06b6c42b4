# `from package import *` with __all__ naming a submodule.
import sys
sys.path.insert(0, "_pkgs")
from shop import *
print(VERSION, cart.__name__, add_item.__name__)
print("catalog" in sys.modules["__main__"].__dict__)
