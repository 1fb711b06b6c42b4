a = "ab"
b = "cd"
print(a + b, a * 3, 3 * b, a * 0, repr(a * -2))
s = ""
for i in range(5):
    s += str(i)
print(s)
print("-" * 20)
print("a" + "b" * 2 + "c")
t = a
t += "x"
print(a, t)
print(("ab" + "c") == "abc", "ab" "cd")
