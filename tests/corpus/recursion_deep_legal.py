def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print(depth(900))
def sum_list(lst, i=0):
    if i == len(lst):
        return 0
    return lst[i] + sum_list(lst, i + 1)
print(sum_list(list(range(900))))
def build(n):
    if n == 0:
        return []
    return [build(n - 1)]
x = build(50)
print(str(x)[:20], len(str(x)))
