import itertools
c = itertools.count(10)
print(next(c), next(c), next(c))
c2 = itertools.count()
print([next(c2) for _ in range(3)])
print(list(itertools.chain([1, 2], (3,), "ab")))
print(list(itertools.product("ab", [0, 1])))
print(list(itertools.repeat("x", 3)))
