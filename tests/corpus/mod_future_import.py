from __future__ import annotations
from __future__ import division, print_function
import __future__

def area(width: float, height: float) -> float:
    return width * height

print(area(2, 3.5))
print(7 / 2)
print(__future__.all_feature_names)
print(__future__.annotations.getOptionalRelease())
print(__future__.annotations.getMandatoryRelease())
print(__future__.CO_FUTURE_ANNOTATIONS, __future__.CO_FUTURE_DIVISION)
