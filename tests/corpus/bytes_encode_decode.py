# str.encode / bytes.decode with utf-8, ascii and latin-1 and the error handlers.
text = 'naïve café €5'
utf8 = text.encode()
print(utf8, len(text), len(utf8))
print(utf8.decode('utf-8') == text, text.encode('UTF-8') == utf8, text.encode('utf8') == utf8)
print(text.encode('ascii', 'ignore'), text.encode('ascii', 'replace'))
print(text.encode('latin-1', 'replace'), 'café'.encode('latin-1'), 'café'.encode('iso-8859-1'))
print(b'caf\xe9'.decode('latin-1'), b'caf\xe9'.decode('utf-8', 'replace'), b'caf\xe9'.decode('utf-8', 'ignore'))
print(b'abc\x80'.decode('ascii', 'replace'), b'abc\x80'.decode('ascii', 'ignore'))
print('😀'.encode(), b'\xf0\x9f\x98\x80'.decode())
print(bytes('x', 'utf-8').decode(encoding='ascii'), 'y'.encode(encoding='ascii', errors='strict'))
