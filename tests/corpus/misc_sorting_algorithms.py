def bubble_sort(a):
    a = list(a)
    n = len(a)
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swapped = True
        if not swapped:
            break
    return a
def merge_sort(a):
    if len(a) <= 1:
        return a
    mid = len(a) // 2
    left, right = merge_sort(a[:mid]), merge_sort(a[mid:])
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]
def lcg(n, seed=12345):
    out = []
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        out.append(seed % 1000)
    return out
data = lcg(300)
print(data[:10])
b = bubble_sort(data)
m = merge_sort(data)
print(b == m == sorted(data), b[:10], m[-5:])
print(merge_sort([5, -1, 3.5, 0, -7.25]), bubble_sort(["pear", "fig", "apple"]))
big = lcg(20000, 7)
print(merge_sort(big)[::4000])
