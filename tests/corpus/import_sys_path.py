# sys.path is a real list that imports consult: entries can be added and removed; modules
# are found in order; sys.modules can be edited to force a re-import.
import sys
print(type(sys.path).__name__, sys.path[0] != "")
sys.path.append("_pkgs")
import geometry
print(geometry.square_area(4), geometry.__name__)
sys.path.remove("_pkgs")
del sys.modules["geometry"]
del sys.modules["geometry.shapes"]
try:
    import geometry
except ModuleNotFoundError as e:
    print("after removing the path:", e)
sys.path.insert(0, "_pkgs")
import geometry as g2
print(g2.square_area(5))
sys.modules["fake_module"] = sys
import fake_module
print(fake_module is sys)
