print(1 in [1, 2], 3 in [1, 2], 3 not in [1, 2])
print(1.0 in [1, 2], True in [1], "a" in ("a", "b"), "c" not in ("a", "b"))
print("k" in {"k": 1}, 1 in {"k": 1}, 1 in {1: "k"})
print(2 in {1, 2}, 5 in {1, 2}, 2 in frozenset([2]))
print("ell" in "hello", "" in "", "x" in "")
print(5 in range(10), 10 in range(10), [1] in [[1], [2]], (1,) in [(1,)])
nan = float("nan")
lst = [nan]
# swallow floats are unboxed values, so two NaNs made separately are the same "object":
# only membership of the very same NaN object is tested (see ARCHITECTURE.md).
print(nan in lst)
print(None in [None], None in [0, False, ""])
