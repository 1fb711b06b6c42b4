import json

samples = ["plain", "quote\"back\\slash", "control\x01\x1f", "\b\f\n\r\t", "caf\u00e9",
           "snow \u2603", "emoji \U0001F600", "del\x7f", "slash/", ""]
for s in samples:
    print(json.dumps(s), json.dumps(s, ensure_ascii=False))
print(json.dumps({"cl\u00e9": "v\u00e4lue"}))
print(json.dumps({"cl\u00e9": "v\u00e4lue"}, ensure_ascii=False))
print(json.dumps(["\u4e2d\u6587"], ensure_ascii=False))
