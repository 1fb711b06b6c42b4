import json

data = {"name": "widget", "tags": ["a", "b"], "dims": {"w": 2, "h": 3}, "empty": [], "none": {}}
print(json.dumps(data, indent=2))
print(json.dumps(data, indent=0))
print(json.dumps(data, indent="\t"))
print(json.dumps(data, indent=-3))
print(json.dumps(data, indent=None))
print(json.dumps(data, separators=(",", ":")))
print(json.dumps(data, separators=(", ", " = "), sort_keys=True))
print(json.dumps(data, indent=4, separators=(", ", ": ")))
print(json.dumps([[[]]], indent=1))
print(json.dumps({"b": {"z": 1, "y": 2}, "a": [3, {"k": 1, "j": 2}]}, sort_keys=True, indent=2))
print(json.dumps([1, 2], indent=True))
