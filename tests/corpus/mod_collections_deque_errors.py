from collections import deque

d = deque([1, 2, 3])
for attempt in [lambda: deque().pop(), lambda: deque().popleft(), lambda: d.remove(9),
                lambda: d.index(9), lambda: d[5], lambda: d[-4], lambda: d[1:2],
                lambda: deque(1), lambda: d + [1], lambda: d.rotate("x")]:
    try:
        attempt()
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(d)
deque().pop()
