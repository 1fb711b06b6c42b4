import json

print(json.dumps([1, 2]))
json.dumps({"p": [1, range(5)]})
