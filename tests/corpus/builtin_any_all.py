print(any([]), all([]), any([0, "", None]), any([0, 1]), all([1, "a", [0]]), all([1, 0]))
print(any("abc"), all(""), any([x > 3 for x in [1, 5]]))
print(all([x % 2 == 0 for x in range(0, 10, 2)]), any(map(str.isdigit, "ab1")))
print(all({}), any({0: "a"}), any({1: ""}), all(range(1, 5)), all(range(5)))
nums = [2, 4, 6, 7]
print(any([n % 2 for n in nums]), all([n > 1 for n in nums]), all([[]]), any([[]]))
