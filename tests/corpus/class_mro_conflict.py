# An inconsistent hierarchy is a TypeError naming the bases.
class X: pass
class Y: pass
class A(X, Y): pass
class B(Y, X): pass
print("defining C")
class C(A, B): pass
