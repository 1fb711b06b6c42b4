import math
print(math.floor(-0.5))
math.sqrt("4")
