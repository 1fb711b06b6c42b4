x = 5
print(-x, +x, --x, -(-x), ~x, not x)
y = -2.5
print(-y, +y, abs(y), not y)
print(-True, +True, ~True, not True, not 0, not "")
z = 0
print(-z, ~z, not z, -0.0, +(-0.0))
big = 2 ** 70
print(-big, ~big, +big, not big)
print(- - - 1, not not 1, ~~7)
