# heapq: the list order after every operation matches CPython's sift algorithms.
import heapq

h = []
for x in [5, 3, 8, 1, 9, 2, 7, 1, 6]:
    heapq.heappush(h, x)
    print(h)
out = []
while h:
    out.append(heapq.heappop(h))
    print(h)
print(out)

data = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 15, 12, 11, 3, 3]
heapq.heapify(data)
print(data)
print(heapq.heapreplace(data, 10), data)
print(heapq.heappushpop(data, -1), data)
print(heapq.heappushpop(data, 4), data)
print(heapq.heappushpop([], 4))

big = [(i * 7919) % 1000 for i in range(3000)]
heapq.heapify(big)
print(big[:20], big[-5:])
print([heapq.heappop(big) for _ in range(10)])

pairs = [(3, "c"), (1, "a"), (2, "b"), (1, "z")]
heapq.heapify(pairs)
print(pairs, heapq.heappop(pairs))

print(heapq.nlargest(3, [1, 8, 2, 9, 3, 9]), heapq.nsmallest(3, [5, 1, 4, 1, 5]))
print(heapq.nlargest(2, ["aa", "b", "cc", "d"], key=len), heapq.nsmallest(2, ["aa", "b", "cc", "d"], key=len))
print(heapq.nlargest(0, [1, 2]), heapq.nsmallest(-2, [1, 2]), heapq.nlargest(10, [3, 1, 2]), heapq.nsmallest(1, []))
print(heapq.nsmallest(1, [4, 2, 9]), heapq.nlargest(1, {3: 0, 7: 0, 5: 0}))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])))
print(list(heapq.merge([1, 3], [], [2, 2, 10], [0])))
print(list(heapq.merge(["a", "ccc"], ["bb", "dddd"], key=len)))
print(list(heapq.merge([9, 5, 1], [8, 2], reverse=True)))
print(list(heapq.merge([(1, "x"), (2, "y")], [(1, "a"), (3, "b")], key=lambda p: p[0])))
print(list(heapq.merge()), list(heapq.merge([1])))
m = heapq.merge(range(0, 10, 3), range(1, 10, 3))
print(next(m), next(m), list(m))
heapq.heappop([])
