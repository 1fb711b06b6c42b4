print("raising")
raise ValueError
