'text'.encode('klingon')
