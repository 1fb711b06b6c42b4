import json

print(issubclass(json.JSONDecodeError, ValueError))
print(json.JSONDecodeError.__name__)
json.loads('{"k": "bad \\q escape"}')
