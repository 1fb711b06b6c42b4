bytes('text')
