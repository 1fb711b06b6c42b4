print("start")
a = 10
b = 0
print(a // 5)
print(a / b)
