# Private name mangling of attributes, methods and class-level names.
class Base:
    __secret = "base secret"

    def __init__(self):
        self.__value = 1
        self._protected = 2
        self.__dunder__ = 3

    def __helper(self):
        return "base helper"

    def reveal(self):
        return self.__secret, self.__value, self.__helper()


class Derived(Base):
    __secret = "derived secret"

    def __init__(self):
        super().__init__()
        self.__value = 10

    def reveal_derived(self):
        return self.__secret, self.__value


d = Derived()
print(d.reveal(), d.reveal_derived())
print(sorted(k for k in vars(d)))
print(Base._Base__secret, Derived._Derived__secret, d._Base__helper())
print(hasattr(d, "__value"), hasattr(d, "__dunder__"))


class _Leading:
    def __init__(self):
        self.__x = 5


print(sorted(vars(_Leading())))
d.__value
