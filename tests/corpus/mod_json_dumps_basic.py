import json

print(json.dumps(None), json.dumps(True), json.dumps(False))
print(json.dumps(0), json.dumps(-17), json.dumps(10 ** 30), json.dumps(-(2 ** 70)))
print(json.dumps(1.0), json.dumps(0.1), json.dumps(1e20), json.dumps(1e16), json.dumps(-2.5e-7))
print(json.dumps(float("inf")), json.dumps(float("-inf")), json.dumps(float("nan")))
print(json.dumps("hello"), json.dumps(""), json.dumps("tab\tnew\nline"))
print(json.dumps([1, "two", 3.0, None, [True, False]]))
print(json.dumps((1, 2, (3,))))
print(json.dumps({"a": 1, "b": [1, 2], "c": {"d": None}}))
print(json.dumps({}), json.dumps([]), json.dumps(()))
# non-str keys are converted
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none"}))
print(json.dumps({False: 0, 10 ** 20: 1}))
# insertion order is kept
d = {}
for k in ["zebra", "apple", "mango"]:
    d[k] = len(k)
print(json.dumps(d))
print(json.dumps(d, sort_keys=True))
print(type(json.dumps([])).__name__)
