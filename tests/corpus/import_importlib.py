# __import__ and importlib.import_module.
import importlib
m = importlib.import_module("_imp_helper")
print(m.greet("importlib"))
print(importlib.import_module("os.path").__name__)
top = __import__("os.path")
print(top.__name__)
sub = __import__("os.path", fromlist=["join"])
print(sub.__name__)
import sys
sys.path.insert(0, "_pkgs")
pricing = importlib.import_module(".pricing", "shop")
print(pricing.__name__)
try:
    importlib.import_module("definitely_not_here")
except ImportError as e:
    print(type(e).__name__, e)
