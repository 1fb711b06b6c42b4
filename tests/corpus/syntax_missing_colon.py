print("this line is never run")
if True
    print("x")
