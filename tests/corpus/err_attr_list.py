lst = []
lst.push(1)
