# C3 MRO and cooperative super() chains through a diamond.
class Base:
    def __init__(self):
        print("Base.__init__")
        self.log = ["Base"]

    def who(self):
        return "Base"


class Left(Base):
    def __init__(self):
        print("Left.__init__")
        super().__init__()
        self.log.append("Left")

    def who(self):
        return "Left>" + super().who()


class Right(Base):
    def __init__(self):
        print("Right.__init__")
        super().__init__()
        self.log.append("Right")

    def who(self):
        return "Right>" + super().who()


class Bottom(Left, Right):
    def __init__(self):
        print("Bottom.__init__")
        super().__init__()
        self.log.append("Bottom")

    def who(self):
        return "Bottom>" + super().who()


b = Bottom()
print(b.log)
print(b.who())
print([k.__name__ for k in Bottom.__mro__])
print([k.__name__ for k in Bottom.mro()])


class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
class E(C, B): pass
print([k.__name__ for k in D.__mro__], [k.__name__ for k in E.__mro__])
print(super(B, D()).__thisclass__.__name__)
