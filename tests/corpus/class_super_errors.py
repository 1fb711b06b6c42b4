# super() in classmethods and staticmethods, two-argument super, and its errors.
class A:
    @classmethod
    def create(cls):
        return f"A.create for {cls.__name__}"

    def hello(self):
        return "A.hello"


class B(A):
    @classmethod
    def create(cls):
        return "B+" + super().create()

    def hello(self):
        return "B>" + super().hello()

    @staticmethod
    def static():
        return super(B, B()).hello()


print(B.create(), B().create(), B().hello(), B.static())
print(super(B, B).create(), super(A, B()).__class__.__name__)
try:
    super(B, 5)
except TypeError as e:
    print(e)
try:
    super(1, B())
except TypeError as e:
    print(e)


def outside():
    return super()


try:
    outside()
except RuntimeError as e:
    print(e)
super(B, B()).missing
