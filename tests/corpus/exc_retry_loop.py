# Retrying an operation that fails a few times.
attempts = {"count": 0}

def flaky(fail_times):
    attempts["count"] += 1
    if attempts["count"] <= fail_times:
        raise ConnectionError("attempt %d failed" % attempts["count"])
    return "ok after %d attempts" % attempts["count"]

def retry(func, arg, tries):
    last = None
    for i in range(tries):
        try:
            return func(arg)
        except ConnectionError as e:
            print("retrying:", e)
            last = e
    raise RuntimeError("gave up after %d tries" % tries) from last

print(retry(flaky, 2, 5))
attempts["count"] = 0
try:
    retry(flaky, 10, 3)
except RuntimeError as e:
    print(e, "| cause:", e.__cause__)

# Backoff-style loop with while/else.
delays = []
n = 0
while n < 5:
    try:
        n += 1
        if n < 4:
            raise TimeoutError(n)
        print("succeeded at", n)
        break
    except TimeoutError as e:
        delays.append(2 ** e.args[0])
else:
    print("never succeeded")
print(delays)
