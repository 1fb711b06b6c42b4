# A small graph tool: nodes keep parent back-references and neighbour lists (cycles
# everywhere). Graphs are built, searched and dropped repeatedly.
import gc

def build(n):
    nodes = [{"id": i, "edges": [], "parent": None} for i in range(n)]
    for i, node in enumerate(nodes):
        for j in (i * 2 + 1, i * 2 + 2):
            if j < n:
                child = nodes[j]
                child["parent"] = node
                node["edges"].append(child)
                child["edges"].append(node)
    return nodes[0]

def bfs(root):
    seen = {root["id"]}
    order = [root["id"]]
    queue = [root]
    while queue:
        node = queue.pop(0)
        for other in node["edges"]:
            if other["id"] not in seen:
                seen.add(other["id"])
                order.append(other["id"])
                queue.append(other)
    return order

def depth(node):
    d = 0
    while node["parent"] is not None:
        node = node["parent"]
        d += 1
    return d

results = []
for size in range(1, 400):
    root = build(size)
    order = bfs(root)
    results.append(len(order))
print(sum(results), results[:10])

keep = build(100)
gc.collect()
leaf = keep
while leaf["edges"][1:]:
    leaf = leaf["edges"][-1]
print(depth(leaf), bfs(keep)[:8])
del keep, leaf, root
print(gc.collect() > 0)
