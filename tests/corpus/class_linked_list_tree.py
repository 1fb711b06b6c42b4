# A linked list and a binary search tree with __iter__ (generators), __len__, __contains__.
class Node:
    __slots__ = ("value", "next")

    def __init__(self, value, next=None):
        self.value = value
        self.next = next


class LinkedList:
    def __init__(self, items=()):
        self.head = None
        self.size = 0
        for x in reversed(list(items)):
            self.push(x)

    def push(self, value):
        self.head = Node(value, self.head)
        self.size += 1

    def __iter__(self):
        node = self.head
        while node is not None:
            yield node.value
            node = node.next

    def __len__(self):
        return self.size

    def __repr__(self):
        return "LinkedList([" + ", ".join(repr(x) for x in self) + "])"

    def __reversed__(self):
        return reversed(list(self))

    def __getitem__(self, index):
        for i, v in enumerate(self):
            if i == index:
                return v
        raise IndexError("LinkedList index out of range")


ll = LinkedList([1, 2, 3])
ll.push(0)
print(ll, len(ll), 2 in ll, 9 in ll, list(reversed(ll)), ll[2], sum(ll))


class Tree:
    def __init__(self):
        self.root = None
        self.count = 0

    class _Node:
        def __init__(self, key):
            self.key, self.left, self.right = key, None, None

    def insert(self, key):
        if self.root is None:
            self.root = self._Node(key)
        else:
            node = self.root
            while True:
                side = "left" if key < node.key else "right"
                child = getattr(node, side)
                if child is None:
                    setattr(node, side, self._Node(key))
                    break
                node = child
        self.count += 1
        return self

    def _walk(self, node):
        if node is not None:
            yield from self._walk(node.left)
            yield node.key
            yield from self._walk(node.right)

    def __iter__(self):
        return self._walk(self.root)

    def __len__(self):
        return self.count

    def __contains__(self, key):
        node = self.root
        while node is not None:
            if key == node.key:
                return True
            node = node.left if key < node.key else node.right
        return False

    def height(self, node="root"):
        if node == "root":
            node = self.root
        if node is None:
            return 0
        return 1 + max(self.height(node.left), self.height(node.right))


t = Tree()
for k in [5, 3, 8, 1, 4, 9, 7]:
    t.insert(k)
print(list(t), len(t), 4 in t, 6 in t, t.height(), type(t.root).__qualname__)
print(ll[10])
