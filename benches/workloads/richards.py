# Models the Richards benchmark: a small operating-system kernel simulation in which an idle
# task, a worker, two packet handlers and two devices pass packets through a priority
# scheduler. Stresses: method calls on small objects, instance attribute loads and stores,
# subclass dispatch of one virtual method, linked lists walked with `is None` tests, and
# integer bit operations.

ROUNDS = 13
IDLE_COUNT = 10000

# Task identities double as indexes into the scheduler's task table.
IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
TASK_COUNT = 6

DEVICE_PACKET = 0
WORK_PACKET = 1
PAYLOAD_SIZE = 4


class Packet:
    def __init__(self, next_packet, owner, kind):
        self.next = next_packet
        self.owner = owner
        self.kind = kind
        self.counter = 0
        self.payload = [0] * PAYLOAD_SIZE

    def enqueue(self, queue):
        """Append this packet to the end of `queue`; return the queue's new head."""
        self.next = None
        if queue is None:
            return self
        last = queue
        while last.next is not None:
            last = last.next
        last.next = self
        return queue


class Task:
    """A task control block: priority, input queue and the three state flags."""

    def __init__(self, kernel, ident, priority, queue, link):
        self.kernel = kernel
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.link = link
        self.has_input = queue is not None
        self.waiting = False
        self.held = False

    def blocked(self):
        return self.held or (self.waiting and not self.has_input)

    def deliver(self, packet, running):
        """Add `packet` to this task's queue; return the task that should run next."""
        if self.queue is None:
            self.queue = packet
            self.has_input = True
            if self.priority > running.priority:
                return self
        else:
            self.queue = packet.enqueue(self.queue)
        return running

    def resume(self):
        packet = None
        if self.waiting and self.has_input:
            packet = self.queue
            self.queue = packet.next
            self.has_input = self.queue is not None
            self.waiting = False
        return self.step(packet)

    def step(self, packet):
        raise NotImplementedError


class IdleTask(Task):
    def __init__(self, kernel, link):
        Task.__init__(self, kernel, IDLE, 0, None, link)
        self.seed = 1
        self.remaining = IDLE_COUNT

    def step(self, packet):
        kernel = self.kernel
        self.remaining -= 1
        if self.remaining == 0:
            return kernel.hold_current()
        if self.seed & 1 == 0:
            self.seed >>= 1
            return kernel.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return kernel.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, kernel, queue, link):
        Task.__init__(self, kernel, WORKER, 1000, queue, link)
        self.target = HANDLER_A
        self.letter = 0

    def step(self, packet):
        kernel = self.kernel
        if packet is None:
            return kernel.wait_current()
        self.target = HANDLER_B if self.target == HANDLER_A else HANDLER_A
        packet.owner = self.target
        packet.counter = 0
        payload = packet.payload
        for index in range(PAYLOAD_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            payload[index] = 64 + self.letter
        return kernel.send(packet)


class HandlerTask(Task):
    def __init__(self, kernel, ident, priority, queue, link):
        Task.__init__(self, kernel, ident, priority, queue, link)
        self.jobs = None
        self.devices = None

    def step(self, packet):
        kernel = self.kernel
        if packet is not None:
            if packet.kind == WORK_PACKET:
                self.jobs = packet.enqueue(self.jobs)
            else:
                self.devices = packet.enqueue(self.devices)
        job = self.jobs
        if job is not None:
            position = job.counter
            if position < PAYLOAD_SIZE:
                device = self.devices
                if device is not None:
                    self.devices = device.next
                    device.counter = job.payload[position]
                    job.counter = position + 1
                    return kernel.send(device)
            else:
                self.jobs = job.next
                return kernel.send(job)
        return kernel.wait_current()


class DeviceTask(Task):
    def __init__(self, kernel, ident, priority, link):
        Task.__init__(self, kernel, ident, priority, None, link)
        self.pending = None

    def step(self, packet):
        kernel = self.kernel
        if packet is None:
            pending = self.pending
            if pending is None:
                return kernel.wait_current()
            self.pending = None
            return kernel.send(pending)
        self.pending = packet
        kernel.checksum = (kernel.checksum * 31 + packet.counter) & 0xFFFFFF
        return kernel.hold_current()


class Kernel:
    def __init__(self):
        self.tasks = [None] * TASK_COUNT
        self.chain = None
        self.current = None
        self.sends = 0
        self.holds = 0
        self.checksum = 0

    def register(self, task):
        self.tasks[task.ident] = task
        self.chain = task

    def release(self, ident):
        task = self.tasks[ident]
        task.held = False
        if task.priority > self.current.priority:
            return task
        return self.current

    def hold_current(self):
        self.holds += 1
        self.current.held = True
        return self.current.link

    def wait_current(self):
        self.current.waiting = True
        return self.current

    def send(self, packet):
        target = self.tasks[packet.owner]
        self.sends += 1
        packet.next = None
        packet.owner = self.current.ident
        return target.deliver(packet, self.current)

    def build(self):
        self.register(IdleTask(self, self.chain))
        work = Packet(None, WORKER, WORK_PACKET)
        work = Packet(work, WORKER, WORK_PACKET)
        self.register(WorkerTask(self, work, self.chain))
        self.tasks[WORKER].waiting = True
        for handler, priority in ((HANDLER_A, 2000), (HANDLER_B, 3000)):
            device = DEVICE_A if handler == HANDLER_A else DEVICE_B
            queue = Packet(None, device, DEVICE_PACKET)
            queue = Packet(queue, device, DEVICE_PACKET)
            queue = Packet(queue, device, DEVICE_PACKET)
            self.register(HandlerTask(self, handler, priority, queue, self.chain))
            self.tasks[handler].waiting = True
        self.register(DeviceTask(self, DEVICE_A, 4000, self.chain))
        self.tasks[DEVICE_A].waiting = True
        self.register(DeviceTask(self, DEVICE_B, 5000, self.chain))
        self.tasks[DEVICE_B].waiting = True

    def run(self):
        task = self.chain
        while task is not None:
            if task.blocked():
                task = task.link
            else:
                self.current = task
                task = task.resume()


def main():
    totals = []
    for _ in range(ROUNDS):
        kernel = Kernel()
        kernel.build()
        kernel.run()
        totals.append((kernel.sends, kernel.holds, kernel.checksum))
    assert all(t == totals[0] for t in totals)
    sends, holds, checksum = totals[0]
    print("rounds", ROUNDS, "sends", sends, "holds", holds)
    print("device checksum", checksum)


main()
