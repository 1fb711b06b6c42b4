x = 2
print(1 < x < 3, 1 < x < 2, 0 <= x <= 2, 3 > x > 1 > 0)
a, b, c = 1, 2, 2
print(a < b == c, a < b != c, a == b == c, b == c == 2)
print(1 < 2 < 3 < 4 < 5, 1 < 2 < 3 < 2 < 5, 5 > 4 >= 4 > 3)
print(x in [1, 2] in [[1, 2]], x is x is not None)
def val(n):
    print("eval", n)
    return n
print(val(1) < val(0) < val(5))
print(val(1) < val(2) < val(3))
print(1 == 1.0 == True, "a" < "b" < "c", [1] < [2] < [3])
print(-1 < 0 > -2, 0 != 0 == 0)
