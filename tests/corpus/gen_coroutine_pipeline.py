# Send-based coroutines: a producer pushes log lines through filters into sinks.
def coroutine(func):
    def start(*args, **kwargs):
        cr = func(*args, **kwargs)
        next(cr)
        return cr
    return start


@coroutine
def grep(pattern, target):
    while True:
        line = yield
        if pattern in line:
            target.send(line)


@coroutine
def broadcast(targets):
    while True:
        item = yield
        for t in targets:
            t.send(item)


@coroutine
def counter(label, results):
    count = 0
    try:
        while True:
            yield
            count += 1
    finally:
        results.append((label, count))


@coroutine
def printer(prefix):
    while True:
        line = yield
        print(prefix, line)


lines = [
    "INFO start",
    "ERROR disk full",
    "INFO retry",
    "WARN slow",
    "ERROR timeout",
]
results = []
errors = counter("errors", results)
everything = counter("all", results)
sink = broadcast([grep("ERROR", printer("!!")), grep("ERROR", errors), everything])
for line in lines:
    sink.send(line)
errors.close()
everything.close()
print(results)


@coroutine
def running_stats():
    count, total, smallest, largest = 0, 0, None, None
    summary = None
    while True:
        value = yield summary
        count += 1
        total += value
        smallest = value if smallest is None else min(smallest, value)
        largest = value if largest is None else max(largest, value)
        summary = (count, total / count, smallest, largest)


stats = running_stats()
for v in [4, 8, 15, 16, 23, 42]:
    print(stats.send(v))
