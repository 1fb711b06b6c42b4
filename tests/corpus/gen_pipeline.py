# A lazy data pipeline built from chained generators.
log = []


def source(lines):
    for line in lines:
        log.append("read " + line)
        yield line


def strip_comments(lines):
    for line in lines:
        if not line.startswith("#"):
            yield line


def parse(lines):
    for line in lines:
        name, _, value = line.partition("=")
        yield name.strip(), int(value)


def running_total(pairs):
    total = 0
    for name, value in pairs:
        total += value
        yield name, value, total


data = ["a = 1", "# skip me", "b = 20", "c = 300", "# end"]
pipeline = running_total(parse(strip_comments(source(data))))
print(log)
first = next(pipeline)
print(first, log)
for row in pipeline:
    print(row)
print(len(log))


def take(n, iterable):
    it = iter(iterable)
    for _ in range(n):
        yield next(it)


def numbers():
    n = 0
    while True:
        yield n
        n += 1


print(list(take(5, (x * x for x in numbers() if x % 2))))
stages = numbers()
for _ in range(50):
    stages = (x + 1 for x in stages)
print(next(stages), next(stages))
