import json

print(json.loads(b'{"from": "bytes", "n": [1, 2.5]}'))
print(json.loads(bytearray(b'[true, null]')))
print(json.loads('"caf\\u00e9"'.encode("utf-8")))
print(json.loads("\u00e9t\u00e9".join(['"', '"'])))
