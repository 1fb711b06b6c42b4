import json

json.loads('["ok", "unterminated]')
