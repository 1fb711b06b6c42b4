print(hash(b'ok') == hash(b'ok'))
{bytearray(b'key'): 1}
