import json
from dataclasses import asdict, dataclass, field


@dataclass
class Item:
    sku: str
    name: str
    qty: int = 0
    price: float = 0.0
    tags: list = field(default_factory=list)

    @property
    def value(self):
        return round(self.qty * self.price, 2)


@dataclass
class Inventory:
    store: str
    items: list = field(default_factory=list)

    def add(self, item):
        self.items.append(item)
        return self

    def total(self):
        return round(sum([i.value for i in self.items]), 2)


inv = Inventory("north")
inv.add(Item("A-1", "bolt", 120, 0.15, ["metal"])).add(Item("B-7", "gear", 8, 12.5))
inv.add(Item("C-3", "mug", price=7.0))
print(inv.total(), [i.name for i in inv.items if i.qty])
text = json.dumps(asdict(inv), indent=2, sort_keys=True)
print(text)
data = json.loads(text)
restored = Inventory(data["store"], [Item(**d) for d in data["items"]])
print(restored == inv, restored.items[1])
