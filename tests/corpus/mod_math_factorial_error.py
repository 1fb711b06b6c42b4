import math
print(math.factorial(0))
math.factorial(-3)
