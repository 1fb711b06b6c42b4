import json

print(json.dumps({(1, 2): 3}, skipkeys=True))
json.dumps({(1, 2): 3})
