import json

doc = """{
    "name": "x",
    "count": 3
    "extra": true
}"""
json.loads(doc)
