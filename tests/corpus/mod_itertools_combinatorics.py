# itertools: product, permutations, combinations, combinations_with_replacement in CPython's order.
import itertools as it

print(list(it.product("ab", "xy")), list(it.product(range(2), repeat=3)))
print(list(it.product()), list(it.product([1, 2], [])), list(it.product("ab", repeat=0)))
print(len(list(it.product(range(3), range(4), range(5)))))
print(list(it.permutations("abc")), list(it.permutations(range(4), 2)))
print(list(it.permutations([1, 2], 3)), list(it.permutations([], 0)), list(it.permutations("ab", 0)))
print(list(it.combinations("abcd", 2)), list(it.combinations(range(5), 3)))
print(list(it.combinations("ab", 3)), list(it.combinations("abc", 0)), list(it.combinations([], 0)))
print(list(it.combinations_with_replacement("abc", 2)), list(it.combinations_with_replacement([1, 2], 3)))
print(list(it.combinations_with_replacement([], 2)), list(it.combinations_with_replacement([], 0)))
print(sum(1 for _ in it.permutations(range(6))), sum(1 for _ in it.combinations(range(10), 4)))
print([''.join(p) for p in it.permutations("aab")])
print(list(it.permutations("abc", r=2)))
for bad in [lambda: it.permutations("ab", -1), lambda: it.combinations("ab", -1), lambda: it.product("a", repeat=-1)]:
    try:
        bad()
    except ValueError as e:
        print(e)
it.combinations("abc")
