import json

shared = [1, 2]
print(json.dumps([shared, shared]))
d = {"self": None}
d["self"] = [d]
json.dumps(d)
