data = b'abc'
data[0] = 65
