print("allocating a huge string")
s = "ab" * 10 ** 13
