from collections import deque

history = deque(maxlen=3)
for n in range(6):
    history.append(n)
    print(history)
print(history.maxlen, deque().maxlen)
history.appendleft(-1)
print(history)
history.extend([10, 11])
print(history)
history.extendleft([20])
print(history)
print(deque(range(10), 4))
print(deque("abcdef", maxlen=2) * 3)
zero = deque([1, 2], maxlen=0)
zero.append(5)
print(zero, len(zero))
full = deque([1, 2], maxlen=2)
try:
    full.insert(0, 9)
except IndexError as e:
    print("IndexError:", e)
try:
    deque(maxlen=-1)
except ValueError as e:
    print("ValueError:", e)


def tail(lines, n):
    return list(deque(lines, maxlen=n))


print(tail(["l%d" % i for i in range(10)], 3))
