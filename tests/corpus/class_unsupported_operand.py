# Operators without methods give CPython's TypeError.
class A:
    def __add__(self, other):
        return NotImplemented

class B:
    pass

print(A() + 1 if False else "start")
A() + B()
