# time: clocks are monotonic where promised, types are right, sleep works.
import time

t0 = time.time()
n0 = time.time_ns()
p0 = time.perf_counter()
m0 = time.monotonic()
pn = time.perf_counter_ns()
c0 = time.process_time()
time.sleep(0.01)
time.sleep(0)
print(type(t0).__name__, type(n0).__name__, type(p0).__name__, type(pn).__name__, type(c0).__name__)
print(t0 > 1.6e9, n0 > 1.6e18, abs(n0 / 1e9 - t0) < 5)
print(time.perf_counter() - p0 >= 0.009, time.monotonic() >= m0, time.monotonic_ns() >= 0)
print(time.perf_counter_ns() >= pn, time.process_time() >= c0, time.process_time_ns() >= 0)
total = 0
start = time.perf_counter()
for i in range(1000):
    total += i
print(total, time.perf_counter() >= start)
time.sleep(-1)
