import math
print(math.sqrt(0.0), math.log(1))
print(math.log(0))
