# A traffic-light state machine: states as classes, class-level transitions, __init_subclass__.
class State:
    registry = {}
    duration = 0

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        State.registry[cls.__name__.lower()] = cls

    def next(self):
        return State.registry[self.following]()

    def __repr__(self):
        return f"<{type(self).__name__} {self.duration}s>"

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self).__name__)


class Red(State):
    duration = 30
    following = "green"


class Green(State):
    duration = 25
    following = "yellow"


class Yellow(State):
    duration = 5
    following = "red"


class Light:
    def __init__(self, start="red"):
        self.state = State.registry[start]()
        self.elapsed = 0

    def run(self, cycles):
        seen = []
        for _ in range(cycles):
            seen.append(self.state)
            self.elapsed += self.state.duration
            self.state = self.state.next()
        return seen


light = Light()
history = light.run(7)
print(history)
print(light.elapsed, light.state, len(set(history)), sorted(State.registry))
print(Red() == Red(), Red() == Green(), {Red(): 1}[Red()])
Light("blue")
