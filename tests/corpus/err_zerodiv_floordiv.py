print(divmod(7, 2))
print(2 ** 100 // 0)
