import json

inventory = {
    "store": "north",
    "items": [
        {"sku": "A-1", "name": "bolt", "qty": 120, "price": 0.15, "tags": ["metal", "small"]},
        {"sku": "B-7", "name": "gear", "qty": 8, "price": 12.5, "tags": []},
        {"sku": "C-3", "name": "caf\u00e9 mug", "qty": 0, "price": 7.0, "tags": ["ceramic"]},
    ],
    "open": True,
    "manager": None,
}

text = json.dumps(inventory, indent=2, sort_keys=True)
print(text)
back = json.loads(text)
print(back == inventory)
total = sum([item["qty"] * item["price"] for item in back["items"]])
print("stock value:", round(total, 2))
in_stock = [item["name"] for item in back["items"] if item["qty"] > 0]
print("in stock:", in_stock)
compact = json.dumps(back, separators=(",", ":"))
print(len(compact), compact[:40])
print(json.loads(compact) == back)
