import sys
sys.path.insert(0, "_pkgs")
import geometry
print(geometry.square_area(3))
import geometry.too_far
