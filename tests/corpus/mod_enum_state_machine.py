from enum import Enum, auto


class State(Enum):
    IDLE = auto()
    RUNNING = auto()
    PAUSED = auto()
    DONE = auto()


TRANSITIONS = {
    (State.IDLE, "start"): State.RUNNING,
    (State.RUNNING, "pause"): State.PAUSED,
    (State.PAUSED, "resume"): State.RUNNING,
    (State.RUNNING, "finish"): State.DONE,
}


class Machine:
    def __init__(self):
        self.state = State.IDLE
        self.log = []

    def fire(self, event):
        nxt = TRANSITIONS.get((self.state, event))
        if nxt is None:
            self.log.append(f"ignored {event!r} in {self.state.name}")
            return False
        self.log.append(f"{self.state.name} -> {nxt.name}")
        self.state = nxt
        return True


m = Machine()
for event in ["pause", "start", "pause", "resume", "finish", "start"]:
    m.fire(event)
print("\n".join(m.log))
print(m.state, m.state is State.DONE, [s.name for s in State if s is not State.DONE])
