lst = [1, 2, 3]
lst[0] += 10
lst[-1] *= 5
print(lst)
d = {"a": 1}
d["a"] += 100
d["b"] = d.get("b", 0)
d["b"] -= 1
print(d)
m = [[1, 2], [3, 4]]
m[1][0] += 30
print(m)
a = [1, 2]
b = a
a += [3, 4]
print(a, b, a is b)
a += "xy"
print(b)
t = (1, 2)
u = t
t += (3,)
print(t, u, t is u)
nested = {"k": [0]}
nested["k"][0] += 7
nested["k"] += [8]
print(nested)
calls = 0
def idx():
    global calls
    calls += 1
    return 0
arr = [5]
arr[idx()] += 1
print(arr, calls)
