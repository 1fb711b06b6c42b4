import json

bad_documents = ["", "   ", "[1,]", '{"a":1,}', '{"a" 1}', "[1 2]", '"abc', '"a\\x"',
                 '"\\u12"', "[1] x", "{1:2}", "nul", "-", '"a\nb"', "[", "{", '{"a":',
                 "  \n  x", "1.", "[1, 2", '{"k": tru}', "01", "\ufeff[]"]
for doc in bad_documents:
    try:
        json.loads(doc)
        print(repr(doc), "parsed?")
    except json.JSONDecodeError as e:
        print(repr(doc), "->", e.msg, "|", e.pos, e.lineno, e.colno)
        print("   ", e)

try:
    json.loads('{\n  "a": [1, 2],\n  "b": {"c" 3}\n}')
except ValueError as e:
    print(type(e).__name__, isinstance(e, ValueError), e)

for obj in [{1, 2}, b"bytes", object]:
    try:
        json.dumps({"k": [obj]})
    except TypeError as e:
        print("TypeError:", e)
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps([float("inf")], allow_nan=False)
except ValueError as e:
    print("ValueError:", e)
loop = {}
loop["me"] = loop
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError:", e)
try:
    json.loads(42)
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps({"b": 1, 2: 3}, sort_keys=True)
except TypeError as e:
    print("TypeError:", e)
