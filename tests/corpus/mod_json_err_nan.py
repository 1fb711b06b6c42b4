import json

print(json.dumps([1.5], allow_nan=False))
json.dumps([float("nan")], allow_nan=False)
