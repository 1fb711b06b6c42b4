from collections import Counter

a = Counter(a=3, b=1, c=0)
b = Counter(a=1, b=2, d=4)
print(a + b)
print(a - b)
print(b - a)
print(a | b)
print(a & b)
print(+Counter(a=2, b=-3, c=0), -Counter(a=2, b=-3))
x = Counter(a=1)
x += Counter(a=2, b=-1)
print(x)
x -= Counter(a=5)
print(x)
y = Counter(a=3, b=1)
y |= Counter(b=4)
print(y)
y &= Counter(a=1, b=9)
print(y)
print(Counter(a=1) <= Counter(a=2), Counter(a=3) < Counter(a=2), Counter(a=2) >= Counter(a=2, b=0))
print(Counter("hello") + Counter("world"))
try:
    Counter(a=1) + 5
except TypeError as e:
    print("TypeError:", e)
