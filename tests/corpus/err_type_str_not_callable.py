s = "hello"
s(1, 2)
