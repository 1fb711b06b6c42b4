# Tree traversals with recursive generators and yield from.
tree = {
    "value": 8,
    "left": {"value": 3, "left": {"value": 1}, "right": {"value": 6, "left": {"value": 4}, "right": {"value": 7}}},
    "right": {"value": 10, "right": {"value": 14, "left": {"value": 13}}},
}


def inorder(node):
    if node is None:
        return
    yield from inorder(node.get("left"))
    yield node["value"]
    yield from inorder(node.get("right"))


def preorder(node):
    if node:
        yield node["value"]
        yield from preorder(node.get("left"))
        yield from preorder(node.get("right"))


def breadth_first(root):
    queue = [root]
    while queue:
        node = queue.pop(0)
        yield node["value"]
        for side in ("left", "right"):
            if side in node:
                queue.append(node[side])


def paths(node, prefix=()):
    here = prefix + (node["value"],)
    children = [node[s] for s in ("left", "right") if s in node]
    if not children:
        yield here
    for child in children:
        yield from paths(child, here)


def depth_count(node, depth=0):
    count = 1
    yield depth
    for side in ("left", "right"):
        if side in node:
            count += yield from depth_count(node[side], depth + 1)
    return count


print(list(inorder(tree)))
print(list(preorder(tree)))
print(list(breadth_first(tree)))
for p in paths(tree):
    print(" -> ".join(str(v) for v in p))


def total(node):
    n = yield from depth_count(node)
    print("nodes:", n)


print(max(total(tree)))
nested = [1, [2, [3, [4, [5, [6]]]]], [[7]], 8]


def walk(items, depth=0):
    for item in items:
        if type(item) is list:
            yield from walk(item, depth + 1)
        else:
            yield depth, item


print(list(walk(nested)))
print(sum(v for _, v in walk(nested)), max(d for d, _ in walk(nested)))
