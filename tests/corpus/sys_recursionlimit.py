# sys.getrecursionlimit / setrecursionlimit and their errors.
import sys
old = sys.getrecursionlimit()
print(old)
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
for bad in (0, -5, "10", 2**40):
    try:
        sys.setrecursionlimit(bad)
    except Exception as e:
        print(type(e).__name__, e)
sys.setrecursionlimit(old)
def depth(n):
    return n if n == 0 else depth(n - 1)
print(depth(500))
try:
    sys.getrecursionlimit(1)
except TypeError as e:
    print("TypeError", e)
