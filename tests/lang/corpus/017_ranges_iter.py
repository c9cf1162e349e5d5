print(list(range(3)), list(range(2, 10, 3)), list(range(5, 0, -2)), len(range(10)))
r = range(10)
print(r[2], 3 in r, list(r[::3]))
for i, c in enumerate("abc", 1):
    print(i, c)
print(list(zip([1, 2, 3], "ab")), list(reversed([1, 2, 3])), list(map(str, [1, 2])))
print(list(filter(None, [0, 1, "", "a"])), list(filter(lambda v: v > 1, [1, 2, 3])))
it = iter([10, 20])
print(next(it), next(it), next(it, "end"))
