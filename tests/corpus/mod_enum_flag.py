from enum import Flag, IntFlag, auto


class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()


rw = Perm.R | Perm.W
print(repr(rw), str(rw), Perm.R in rw, Perm.X in rw, list(Perm), bool(Perm(0)), repr(Perm(0)))
print(repr(~Perm.R), repr(rw & Perm.W), repr(rw ^ Perm.R), Perm(7), Perm.R.value)


class Mode(IntFlag):
    READ = 4
    WRITE = 2


print(repr(Mode.READ | Mode.WRITE), str(Mode.READ | Mode.WRITE), Mode.READ + 1, int(Mode.WRITE))
