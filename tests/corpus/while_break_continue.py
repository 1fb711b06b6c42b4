i = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print("odd", i)
print("after", i)
n = 0
while n < 3:
    n += 1
else:
    print("else ran", n)
n = 0
while True:
    n += 1
    if n == 4:
        break
else:
    print("not printed")
print("broke at", n)
while 0:
    print("never")
else:
    print("else of empty while")
count = 10
while count:
    count -= 3
    if count < 0:
        break
print(count)
