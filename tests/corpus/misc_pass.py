def nothing():
    pass
print(nothing())
for i in range(3):
    pass
print(i)
if True:
    pass
else:
    pass
while False:
    pass
x = 1; y = 2; z = x + y
print(z)
if x: print("inline")
def one_liner(): return "one"
print(one_liner())
print("semicolons"); print("work")
