# An inventory system: dunder-rich item class, dict-subclass store, totals and reports.
class Item:
    __slots__ = ("name", "price", "qty")

    def __init__(self, name, price, qty=0):
        self.name, self.price, self.qty = name, price, qty

    @property
    def value(self):
        return self.price * self.qty

    def __repr__(self):
        return f"Item({self.name!r}, {self.price}, {self.qty})"

    def __eq__(self, other):
        return isinstance(other, Item) and self.name == other.name

    def __hash__(self):
        return hash(self.name)

    def __lt__(self, other):
        return self.value < other.value

    def __add__(self, n):
        return Item(self.name, self.price, self.qty + n)

    def __format__(self, spec):
        if spec == "row":
            return f"{self.name:<8}{self.qty:>4} x {self.price:>6.2f} = {self.value:>8.2f}"
        return repr(self)


class Inventory(dict):
    def add(self, item):
        if item.name in self:
            self[item.name] = self[item.name] + item.qty
        else:
            self[item.name] = item
        return self

    def total(self):
        return sum(i.value for i in self.values())

    def __missing__(self, name):
        raise KeyError(f"no item {name!r}")

    def report(self):
        lines = [f"{item:row}" for item in sorted(self.values(), reverse=True)]
        lines.append(f"{'total':<8}{self.total():>25.2f}")
        return "\n".join(lines)


inv = Inventory()
inv.add(Item("bolt", 0.25, 100)).add(Item("nut", 0.1, 250)).add(Item("gear", 12.5, 3))
inv.add(Item("bolt", 0.25, 20))
print(inv.report())
print(len(inv), inv["nut"], Item("nut", 0) in set(inv.values()), isinstance(inv, dict))
print(sorted(inv), f"{inv['gear']}")
try:
    inv["spring"]
except KeyError as e:
    print("KeyError", e)
inv["bolt"].colour = "red"
