import json

def encode_set(obj):
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    raise TypeError("cannot encode")

print(json.dumps({"s": {3, 1, 2}, "f": frozenset([5])}, default=encode_set))
print(json.dumps([range(3)], default=list))
print(json.dumps({"r": range(2)}, default=repr))
print(json.dumps({"nested": [{1, 2}]}, default=list, indent=1))
print(json.dumps({"ok": 1, (1, 2): "dropped", "also": 2}, skipkeys=True))
