# StopIteration raised by a user iterator ends for loops; other exceptions propagate.
class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

print(list(Countdown(3)))
for x in Countdown(2):
    print("tick", x)

class Faulty:
    def __iter__(self):
        return self
    def __next__(self):
        raise ValueError("sensor offline")

try:
    for reading in Faulty():
        print(reading)
except ValueError as e:
    print("loop aborted:", e)

it = Countdown(1)
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
