# Argument errors of __init__ name the method by its qualified name.
class Pair:
    def __init__(self, a, b):
        self.a, self.b = a, b

print(Pair(1, 2).b, Pair(b=3, a=4).a)
Pair(1)
