import math
print(math.exp(709))
print(math.exp(710))
