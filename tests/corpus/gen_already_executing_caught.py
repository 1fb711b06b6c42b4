# "generator already executing": a generator that resumes itself, in several ways.
def self_next():
    yield next(holder[0])


def self_send():
    yield holder[1].send(None)


def self_close():
    holder[2].close()
    yield


def self_in_for():
    for x in holder[3]:
        yield x


holder = [self_next(), self_send(), self_close(), self_in_for()]
for g in holder:
    try:
        next(g)
    except ValueError as e:
        print(g.__name__, "->", e)
    print("running after error:", g.gi_running)


def well_behaved():
    yield 1


w = well_behaved()
print(w.gi_running, next(w), w.gi_running)
