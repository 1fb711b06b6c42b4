# A small discrete-event scheduler built on heapq: tasks with priorities and periods.
import heapq

class_order = 0
events = []
def schedule(time, priority, name, period):
    global class_order
    class_order += 1
    heapq.heappush(events, (time, priority, class_order, name, period))

schedule(0, 2, "backup", 7)
schedule(0, 1, "poll", 3)
schedule(1, 3, "report", 10)
schedule(2, 1, "poll-fast", 2)

log = []
runs = {}
while events:
    time, priority, _, name, period = heapq.heappop(events)
    if time > 20:
        break
    runs[name] = runs.get(name, 0) + 1
    log.append(f"t={time:2d} p={priority} {name}")
    if runs[name] < 4:
        schedule(time + period, priority, name, period)
for line in log:
    print(line)
print(sorted(runs.items()))
print("pending:", [(t, n) for t, _, _, n, _ in sorted(events)])

# Top-k with a bounded heap of size k.
scores = [(37, "ann"), (91, "bob"), (55, "cid"), (91, "dee"), (12, "eve"), (78, "fay")]
top = []
for s in scores:
    if len(top) < 3:
        heapq.heappush(top, s)
    else:
        heapq.heappushpop(top, s)
print(sorted(top, reverse=True))
print(heapq.nlargest(3, scores), heapq.nsmallest(2, scores, key=lambda s: s[1]))
